using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Polls.EntityConfigurations;

/// <summary>How <see cref="Poll"/> is stored.</summary>
internal sealed class PollConfiguration : IEntityTypeConfiguration<Poll>
{
    public void Configure(EntityTypeBuilder<Poll> poll)
    {
        poll.Property(p => p.Key).HasMaxLength(ColumnLengths.Key);
        poll.HasIndex(p => p.Key).IsUnique();
        poll.Property(p => p.Version).IsConcurrencyToken();
        poll.HasOne(p => p.Newsletter).WithMany().HasForeignKey(p => p.NewsletterId).OnDelete(DeleteBehavior.Restrict);
        poll.OwnsMany(p => p.Questions, question =>
        {
            question.ToTable("PollQuestions");
            question.WithOwner().HasForeignKey("PollId");
            question.HasKey("PollId", nameof(PollQuestion.Language));
            question.Property(q => q.Language).HasMaxLength(ColumnLengths.LanguageCode);
            question.Property(q => q.Text).HasMaxLength(500);
        });
        poll.HasMany(p => p.Options).WithOne().HasForeignKey(o => o.PollId);
        poll.HasMany(p => p.ConsentTexts).WithOne().HasForeignKey(c => c.PollId);
    }
}
