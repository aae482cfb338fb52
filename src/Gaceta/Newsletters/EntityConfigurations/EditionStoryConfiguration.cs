using Gaceta.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Newsletters.EntityConfigurations;

/// <summary>How <see cref="EditionStory"/> is stored.</summary>
internal sealed class EditionStoryConfiguration : IEntityTypeConfiguration<EditionStory>
{
    public void Configure(EntityTypeBuilder<EditionStory> story)
    {
        story.ToTable("EditionStories");
        story.HasKey(s => new { s.EditionId, s.StoryId });
        story.HasOne<Story>().WithMany().HasForeignKey(s => s.StoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
