using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Newsletters.EntityConfigurations;

/// <summary>How <see cref="Newsletter"/> is stored.</summary>
internal sealed class NewsletterConfiguration : IEntityTypeConfiguration<Newsletter>
{
    public void Configure(EntityTypeBuilder<Newsletter> newsletter)
    {
        newsletter.Property(n => n.Key).HasMaxLength(ColumnLengths.Key);
        newsletter.HasIndex(n => n.Key).IsUnique();
        newsletter.OwnsMany(n => n.Names, name =>
        {
            name.ToTable("NewsletterNames");
            name.WithOwner().HasForeignKey("NewsletterId");
            name.HasKey("NewsletterId", nameof(NewsletterName.Language));
            name.Property(n => n.Language).HasMaxLength(ColumnLengths.LanguageCode);
            name.Property(n => n.Name).HasMaxLength(200);
            name.Property(n => n.Description).HasMaxLength(1000);
        });
    }
}
