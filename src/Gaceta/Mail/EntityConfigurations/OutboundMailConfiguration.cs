using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Mail.EntityConfigurations;

/// <summary>How <see cref="OutboundMail"/> is stored.</summary>
internal sealed class OutboundMailConfiguration : IEntityTypeConfiguration<OutboundMail>
{
    public void Configure(EntityTypeBuilder<OutboundMail> mail)
    {
        mail.Property(m => m.Recipient).HasMaxLength(ColumnLengths.Email);
        mail.Property(m => m.Purpose).HasMaxLength(50);
        mail.Property(m => m.LastError).HasMaxLength(1000);
        mail.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
    }
}
