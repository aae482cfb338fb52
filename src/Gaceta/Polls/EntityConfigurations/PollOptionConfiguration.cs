using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Polls.EntityConfigurations;

/// <summary>How <see cref="PollOption"/> is stored.</summary>
internal sealed class PollOptionConfiguration : IEntityTypeConfiguration<PollOption>
{
    public void Configure(EntityTypeBuilder<PollOption> option)
    {
        option.OwnsMany(o => o.Texts, text =>
        {
            text.ToTable("PollOptionTexts");
            text.WithOwner().HasForeignKey("PollOptionId");
            text.HasKey("PollOptionId", nameof(PollOptionText.Language));
            text.Property(t => t.Language).HasMaxLength(ColumnLengths.LanguageCode);
            text.Property(t => t.Text).HasMaxLength(300);
        });
    }
}
