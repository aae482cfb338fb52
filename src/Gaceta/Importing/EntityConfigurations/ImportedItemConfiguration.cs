using Gaceta.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Importing.EntityConfigurations;

/// <summary>How <see cref="ImportedItem"/> is stored.</summary>
internal sealed class ImportedItemConfiguration : IEntityTypeConfiguration<ImportedItem>
{
    public void Configure(EntityTypeBuilder<ImportedItem> item)
    {
        item.Property(i => i.Source).HasMaxLength(20);
        item.Property(i => i.Site).HasMaxLength(300);
        item.Property(i => i.ExternalId).HasMaxLength(100);
        item.Property(i => i.Language).HasMaxLength(10);
        item.Property(i => i.ContentHash).HasMaxLength(64);
        item.HasIndex(i => new { i.Source, i.Site, i.ExternalId }).IsUnique();
        item.HasOne<Story>().WithMany().HasForeignKey(i => i.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
