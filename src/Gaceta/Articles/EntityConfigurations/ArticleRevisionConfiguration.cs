using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Articles.EntityConfigurations;

/// <summary>How <see cref="ArticleRevision"/> is stored.</summary>
internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        revision.Property(r => r.Headline).HasMaxLength(ArticleLimits.Headline);
        revision.Property(r => r.Standfirst).HasMaxLength(ArticleLimits.Standfirst);
        revision.Property(r => r.Slug).HasMaxLength(ColumnLengths.Key);
        revision.Property(r => r.LeadImageAlt).HasMaxLength(ArticleLimits.ImageAlt);
        revision.Property(r => r.SavedById).HasMaxLength(ColumnLengths.StaffId);
        revision.Property(r => r.SavedByName).HasMaxLength(200);
    }
}
