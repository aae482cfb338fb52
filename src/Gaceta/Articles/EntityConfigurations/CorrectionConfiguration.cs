using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Articles.EntityConfigurations;

/// <summary>How <see cref="Correction"/> is stored.</summary>
internal sealed class CorrectionConfiguration : IEntityTypeConfiguration<Correction>
{
    public void Configure(EntityTypeBuilder<Correction> correction)
    {
        correction.Property(c => c.Text).HasMaxLength(ArticleLimits.Correction);
        correction.Property(c => c.CreatedById).HasMaxLength(ColumnLengths.StaffId);
        correction.Property(c => c.CreatedByName).HasMaxLength(200);
    }
}
