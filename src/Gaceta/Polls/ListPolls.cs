using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>The staff area's list of polls: their state, votes and spam, newest first.</summary>
public static class ListPolls
{
    public sealed record Query(string Language);

    public sealed record Row(int Id, string Key, string Question, PollState State, int Votes, int Spam);

    public sealed class Handler(GacetaDb db, SiteClock clock)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var language = query.Language;
            var now = clock.UtcNow;
            var polls = await db.Polls.AsNoTracking().OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                .Select(p => new
                {
                    p.Id,
                    p.Key,
                    p.OpensAt,
                    p.ClosesAt,
                    p.SpamCount,
                    Question = p.Questions.Where(q => q.Language == language).Select(q => q.Text).FirstOrDefault(),
                    Votes = db.Votes.Count(v => v.PollId == p.Id),
                })
                .ToListAsync(cancellationToken);
            return polls.Select(p => new Row(
                p.Id, p.Key, p.Question ?? p.Key,
                new Poll { Key = p.Key, OpensAt = p.OpensAt, ClosesAt = p.ClosesAt }.StateAt(now),
                p.Votes, p.SpamCount)).ToList();
        }
    }
}
