using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Articles.EntityConfigurations;

/// <summary>How <see cref="Article"/> is stored.</summary>
internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Language).HasMaxLength(ColumnLengths.LanguageCode);
        article.Property(a => a.Headline).HasMaxLength(ArticleLimits.Headline);
        article.Property(a => a.Standfirst).HasMaxLength(ArticleLimits.Standfirst);
        article.Property(a => a.Slug).HasMaxLength(ColumnLengths.Key);
        article.Property(a => a.LeadImageAlt).HasMaxLength(ArticleLimits.ImageAlt);
        article.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        article.HasIndex(a => new { a.StoryId, a.Language }).IsUnique();
        article.HasIndex(a => new { a.Language, a.Slug }).IsUnique();
        // Reader listings: newest published first within a language.
        article.HasIndex(a => new { a.Language, a.Status, a.PublishedAt });
        // The scheduler looks for scheduled articles that are due.
        article.HasIndex(a => new { a.Status, a.PublishedAt });
        article.Property(a => a.Version).IsConcurrencyToken();
        article.Property(a => a.SourceLanguage).HasMaxLength(ColumnLengths.LanguageCode);
        article.HasMany(a => a.Revisions).WithOne().HasForeignKey(r => r.ArticleId);
        article.HasMany(a => a.Corrections).WithOne().HasForeignKey(c => c.ArticleId);
    }
}
