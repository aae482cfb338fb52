using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Sections.EntityConfigurations;

/// <summary>How <see cref="Section"/> is stored.</summary>
internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> section)
    {
        section.OwnsMany(s => s.Names, name =>
        {
            name.ToTable("SectionNames");
            name.WithOwner().HasForeignKey("SectionId");
            name.HasKey("SectionId", nameof(SectionName.Language));
            name.Property(n => n.Language).HasMaxLength(ColumnLengths.LanguageCode);
            name.Property(n => n.Name).HasMaxLength(100);
            name.Property(n => n.Slug).HasMaxLength(ColumnLengths.Key);
            name.HasIndex(n => new { n.Language, n.Slug }).IsUnique();
        });
    }
}
