using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>A poll's results for the newsroom: answers, votes per local day, languages, and the spam turned away.</summary>
public static class ReadPollReport
{
    public sealed record Query(int PollId, string Language);

    /// <summary>Results pooled across languages, the count per local day, and the spam that was turned away.</summary>
    public sealed record Model(
        int Id,
        string Key,
        string Question,
        PollState State,
        int TotalVotes,
        int Spam,
        int WithEmail,
        IReadOnlyList<OptionResult> Options,
        IReadOnlyList<DayCount> Days,
        IReadOnlyDictionary<string, int> ByLanguage);

    public sealed record DayCount(DateOnly Day, int Votes);

    public sealed class Handler(GacetaDb db, SiteClock clock)
    {
        /// <returns>Null when no poll has this id.</returns>
        public async Task<Model?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var pollId = query.PollId;
            var language = query.Language;
            var poll = await db.Polls.WithOptionsAsync(pollId, cancellationToken);
            if (poll is null)
            {
                return null;
            }

            var counts = await db.Votes.Where(v => v.PollId == pollId)
                .GroupBy(v => v.OptionId)
                .Select(g => new { OptionId = g.Key, Votes = g.Count() })
                .ToDictionaryAsync(g => g.OptionId, g => g.Votes, cancellationToken);
            var total = counts.Values.Sum();
            var byLanguage = await db.Votes.Where(v => v.PollId == pollId)
                .GroupBy(v => v.Language)
                .Select(g => new { Language = g.Key, Votes = g.Count() })
                .ToDictionaryAsync(g => g.Language, g => g.Votes, cancellationToken);
            var withEmail = await db.Votes.CountAsync(v => v.PollId == pollId && v.EmailHash != null, cancellationToken);

            // Days are the newsroom's local days. Only the times are read; a poll with a million votes reads 8 MB.
            var times = await db.Votes.Where(v => v.PollId == pollId).Select(v => v.CastAt).ToListAsync(cancellationToken);
            var days = times.GroupBy(t => DateOnly.FromDateTime(clock.ToLocal(t).DateTime))
                .OrderBy(g => g.Key)
                .Select(g => new DayCount(g.Key, g.Count()))
                .ToList();

            return new Model(
                poll.Id,
                poll.Key,
                poll.Questions.Find(q => q.Language == language)?.Text ?? poll.Key,
                poll.StateAt(clock.UtcNow),
                total,
                poll.SpamCount,
                withEmail,
                poll.Options.OrderBy(o => o.Position).Select(o =>
                {
                    var votes = counts.GetValueOrDefault(o.Id);
                    return new OptionResult(o.Id, o.Texts.Find(t => t.Language == language)?.Text ?? string.Empty, votes, total == 0 ? 0 : (double)votes / total);
                }).ToList(),
                days,
                byLanguage);
        }
    }
}
