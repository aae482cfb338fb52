using Gaceta.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Wire.EntityConfigurations;

/// <summary>How <see cref="WireItem"/> is stored.</summary>
internal sealed class WireItemConfiguration : IEntityTypeConfiguration<WireItem>
{
    public void Configure(EntityTypeBuilder<WireItem> item)
    {
        item.Property(w => w.Uri).HasMaxLength(NinjsItem.MaxUriLength);
        item.HasIndex(w => w.Uri).IsUnique();
        item.Property(w => w.Version).HasMaxLength(50);
        item.Property(w => w.Language).HasMaxLength(10);
        item.HasOne<Story>().WithMany().HasForeignKey(w => w.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
