using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Polls.EntityConfigurations;

/// <summary>How <see cref="ConsentText"/> is stored.</summary>
internal sealed class ConsentTextConfiguration : IEntityTypeConfiguration<ConsentText>
{
    public void Configure(EntityTypeBuilder<ConsentText> text)
    {
        text.Property(t => t.Language).HasMaxLength(ColumnLengths.LanguageCode);
        text.Property(t => t.Text).HasMaxLength(2000);
        text.HasIndex(t => new { t.PollId, t.Language, t.Version }).IsUnique();
    }
}
