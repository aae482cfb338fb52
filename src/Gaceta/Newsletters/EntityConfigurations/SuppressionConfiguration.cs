using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Newsletters.EntityConfigurations;

/// <summary>How <see cref="Suppression"/> is stored.</summary>
internal sealed class SuppressionConfiguration : IEntityTypeConfiguration<Suppression>
{
    public void Configure(EntityTypeBuilder<Suppression> suppression)
    {
        suppression.Property(s => s.EmailHash).HasMaxLength(64);
        suppression.HasIndex(s => s.EmailHash).IsUnique();
        suppression.Property(s => s.Reason).HasMaxLength(500);
    }
}
