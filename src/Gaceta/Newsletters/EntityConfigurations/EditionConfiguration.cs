using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Newsletters.EntityConfigurations;

/// <summary>How <see cref="Edition"/> is stored.</summary>
internal sealed class EditionConfiguration : IEntityTypeConfiguration<Edition>
{
    public void Configure(EntityTypeBuilder<Edition> edition)
    {
        edition.HasOne(e => e.Newsletter).WithMany().HasForeignKey(e => e.NewsletterId).OnDelete(DeleteBehavior.Restrict);
        edition.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        edition.Property(e => e.SenderId).HasMaxLength(100);
        edition.Property(e => e.Version).IsConcurrencyToken();
        edition.HasIndex(e => new { e.Status, e.ScheduledAt });
        edition.OwnsMany(e => e.Texts, text =>
        {
            text.ToTable("EditionTexts");
            text.WithOwner().HasForeignKey("EditionId");
            text.HasKey("EditionId", nameof(EditionText.Language));
            text.Property(t => t.Language).HasMaxLength(ColumnLengths.LanguageCode);
            text.Property(t => t.Subject).HasMaxLength(200);
            text.Property(t => t.Intro).HasMaxLength(10_000);
        });
        edition.HasMany(e => e.Stories).WithOne().HasForeignKey(s => s.EditionId);
    }
}
