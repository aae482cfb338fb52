using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Polls.EntityConfigurations;

/// <summary>How <see cref="Vote"/> is stored.</summary>
internal sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> vote)
    {
        vote.Property(v => v.Language).HasMaxLength(ColumnLengths.LanguageCode);
        vote.Property(v => v.EmailHash).HasMaxLength(64);
        vote.HasOne<Poll>().WithMany().HasForeignKey(v => v.PollId);
        vote.HasOne<PollOption>().WithMany().HasForeignKey(v => v.OptionId).OnDelete(DeleteBehavior.Restrict);
        // One vote per address per poll. Anonymous votes have no hash, and NULLs never collide.
        vote.HasIndex(v => new { v.PollId, v.EmailHash }).IsUnique();
        vote.HasIndex(v => new { v.PollId, v.OptionId });
    }
}
