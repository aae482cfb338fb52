using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Media.EntityConfigurations;

/// <summary>How <see cref="MediaItem"/> is stored.</summary>
internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> item)
    {
        item.Property(m => m.Hash).HasMaxLength(64);
        item.HasIndex(m => m.Hash).IsUnique();
        item.Property(m => m.FileName).HasMaxLength(MediaLimits.FileName);
        item.Property(m => m.Format).HasConversion<string>().HasMaxLength(10);
        item.Property(m => m.Credit).HasMaxLength(MediaLimits.Credit);
        item.Property(m => m.CreatedById).HasMaxLength(ColumnLengths.StaffId);
        item.HasIndex(m => m.CreatedAt);
        item.OwnsMany(m => m.Texts, text =>
        {
            text.ToTable("MediaTexts");
            text.WithOwner().HasForeignKey("MediaItemId");
            text.HasKey("MediaItemId", nameof(MediaText.Language));
            text.Property(t => t.Language).HasMaxLength(ColumnLengths.LanguageCode);
            text.Property(t => t.Alt).HasMaxLength(MediaLimits.Alt);
            text.Property(t => t.Caption).HasMaxLength(MediaLimits.Caption);
        });
        item.HasOne(m => m.Original).WithOne().HasForeignKey<MediaOriginal>(o => o.MediaItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
