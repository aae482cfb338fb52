using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Articles.EntityConfigurations;

/// <summary>How <see cref="Story"/> is stored.</summary>
internal sealed class StoryConfiguration : IEntityTypeConfiguration<Story>
{
    public void Configure(EntityTypeBuilder<Story> story)
    {
        story.HasOne(s => s.Section).WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Restrict);
        story.Property(s => s.WireCredit).HasMaxLength(ArticleLimits.WireCredit);
        story.OwnsOne(s => s.LeadImage, image =>
        {
            image.Property(i => i.Url).HasColumnName("LeadImageUrl").HasMaxLength(ArticleLimits.ImageUrl);
            image.Property(i => i.Credit).HasColumnName("LeadImageCredit").HasMaxLength(ArticleLimits.ImageCredit);
        });
        story.HasOne(s => s.LeadMedia).WithMany().HasForeignKey(s => s.LeadMediaId).OnDelete(DeleteBehavior.Restrict);
        story.HasMany(s => s.Articles).WithOne(a => a.Story).HasForeignKey(a => a.StoryId);
        story.HasMany(s => s.Authors).WithOne().HasForeignKey(a => a.StoryId);
        story.Property(s => s.OwnerId).HasMaxLength(ColumnLengths.StaffId);
        story.Property(s => s.Version).IsConcurrencyToken();
    }
}
