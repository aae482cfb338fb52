using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Subscribers.EntityConfigurations;

/// <summary>How <see cref="ConsentRecord"/> is stored.</summary>
internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> consent)
    {
        consent.Property(c => c.Text).HasMaxLength(2000);
        consent.Property(c => c.Language).HasMaxLength(ColumnLengths.LanguageCode);
        consent.Property(c => c.PageUrl).HasMaxLength(2000);
        consent.Property(c => c.IpHash).HasMaxLength(64);
    }
}
