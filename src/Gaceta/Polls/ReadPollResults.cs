using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>Pooled results: every language's votes together.</summary>
public sealed record PollResults(int TotalVotes, IReadOnlyList<OptionResult> Options);

/// <summary>One answer's share of the votes.</summary>
public sealed record OptionResult(int OptionId, string Text, int Votes, double Share);

/// <summary>Counts a poll's votes per answer, across languages.</summary>
public static class ReadPollResults
{
    public sealed class Handler(GacetaDb db)
    {
        public async Task<PollResults> HandleAsync(PollView poll, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(poll);
            // The tallies kept with the votes: reading them costs the same at ten votes or a million.
            var counts = await db.Set<PollOption>()
                .Where(o => o.PollId == poll.Id)
                .ToDictionaryAsync(o => o.Id, o => o.VoteCount, cancellationToken);
            return From(poll, counts);
        }

        /// <summary>The results from the votes per answer (by answer id).</summary>
        public static PollResults From(PollView poll, IReadOnlyDictionary<int, int> counts)
        {
            ArgumentNullException.ThrowIfNull(poll);
            ArgumentNullException.ThrowIfNull(counts);
            var total = poll.Options.Sum(o => counts.GetValueOrDefault(o.Id));
            return new PollResults(
                total,
                poll.Options.Select(o => Share(o, counts.GetValueOrDefault(o.Id), total)).ToList());
        }

        private static OptionResult Share(PollChoice option, int votes, int total) =>
            new(option.Id, option.Text, votes, total == 0 ? 0 : (double)votes / total);
    }
}
