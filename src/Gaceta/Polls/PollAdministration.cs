using System.Globalization;
using System.Text;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>What the staff area shows of polls: the list, one poll for editing, its results, its votes as CSV.</summary>
public static class PollAdministration
{
    public sealed record Row(int Id, string Key, string Question, PollState State, int Votes, int Spam);

    /// <summary>A poll as the editor form shows it.</summary>
    public sealed record Editor(
        int Id,
        int Version,
        string Key,
        DateTime? OpensAt,
        DateTime? ClosesAt,
        int? NewsletterId,
        IReadOnlyDictionary<string, string> Questions,
        IReadOnlyList<EditPoll.OptionInput> Options,
        IReadOnlyDictionary<string, string> ConsentTexts,
        IReadOnlyDictionary<string, int> ConsentVersions);

    public sealed record NewsletterChoice(int Id, string Key, string Name, bool Premium);

    /// <summary>Results pooled across languages, the count per local day, and the spam that was turned away.</summary>
    public sealed record Results(
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

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages)
    {
        public async Task<IReadOnlyList<Row>> ListAsync(string language, CancellationToken cancellationToken)
        {
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

        public async Task<Editor?> EditorAsync(int pollId, CancellationToken cancellationToken)
        {
            var poll = await db.Polls.AsNoTracking().Include(p => p.Options).Include(p => p.ConsentTexts).AsSplitQuery()
                .FirstOrDefaultAsync(p => p.Id == pollId, cancellationToken);
            if (poll is null)
            {
                return null;
            }

            var current = languages.All.Select(l => poll.ConsentTexts.Where(c => c.Language == l.Code).MaxBy(c => c.Version))
                .OfType<ConsentText>().ToList();
            return new Editor(
                poll.Id,
                poll.Version,
                poll.Key,
                poll.OpensAt,
                poll.ClosesAt,
                poll.NewsletterId,
                poll.Questions.ToDictionary(q => q.Language, q => q.Text),
                poll.Options.OrderBy(o => o.Position)
                    .Select(o => new EditPoll.OptionInput(o.Id, o.Texts.ToDictionary(t => t.Language, t => (string?)t.Text)))
                    .ToList(),
                current.ToDictionary(c => c.Language, c => c.Text),
                current.ToDictionary(c => c.Language, c => c.Version));
        }

        public async Task<IReadOnlyList<NewsletterChoice>> NewslettersAsync(string language, CancellationToken cancellationToken)
        {
            var newsletters = await db.Newsletters.AsNoTracking().OrderBy(n => n.Key).ToListAsync(cancellationToken);
            return newsletters.Select(n => new NewsletterChoice(n.Id, n.Key, n.Names.Find(x => x.Language == language)?.Name ?? n.Key, n.IsPremium)).ToList();
        }

        public async Task<Results?> ResultsAsync(int pollId, string language, CancellationToken cancellationToken)
        {
            var poll = await db.Polls.AsNoTracking().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == pollId, cancellationToken);
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

            return new Results(
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

        /// <summary>
        /// Every vote as CSV: when (UTC), the answer, the page's language, whether an address was given. The address
        /// hash stays in the database: it is useless outside it and still personal data.
        /// </summary>
        public async Task<string?> VotesCsvAsync(int pollId, CancellationToken cancellationToken)
        {
            var poll = await db.Polls.AsNoTracking().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == pollId, cancellationToken);
            if (poll is null)
            {
                return null;
            }

            var answers = poll.Options.ToDictionary(o => o.Id, o => (o.Position + 1, o.Texts.Find(t => t.Language == languages.Default.Code)?.Text ?? string.Empty));
            var csv = new StringBuilder("vote_id,cast_at_utc,answer_number,answer,language,gave_email\r\n");
            await foreach (var vote in db.Votes.AsNoTracking().Where(v => v.PollId == pollId).OrderBy(v => v.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var (number, text) = answers[vote.OptionId];
                csv.Append(CultureInfo.InvariantCulture, $"{vote.Id},{vote.CastAt:yyyy-MM-dd'T'HH:mm:ss'Z'},{number},{Csv.Field(text)},{vote.Language},{(vote.EmailHash is null ? "no" : "yes")}\r\n");
            }

            return csv.ToString();
        }
    }
}
