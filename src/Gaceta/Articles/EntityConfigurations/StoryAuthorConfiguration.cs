using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Articles.EntityConfigurations;

/// <summary>How <see cref="StoryAuthor"/> is stored.</summary>
internal sealed class StoryAuthorConfiguration : IEntityTypeConfiguration<StoryAuthor>
{
    public void Configure(EntityTypeBuilder<StoryAuthor> byline)
    {
        byline.ToTable("StoryAuthors");
        byline.HasKey(b => new { b.StoryId, b.AuthorId });
        byline.HasOne(b => b.Author).WithMany().HasForeignKey(b => b.AuthorId).OnDelete(DeleteBehavior.Restrict);
        byline.HasIndex(b => b.AuthorId);
    }
}
