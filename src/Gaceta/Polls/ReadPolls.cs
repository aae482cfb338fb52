using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>A poll as a reader sees it in one language.</summary>
public sealed record PollView(
    int Id,
    string Key,
    string Language,
    string Question,
    IReadOnlyList<PollChoice> Options,
    PollState State,
    NewsletterOffer? Offer);

/// <summary>An answer a reader can choose.</summary>
public sealed record PollChoice(int Id, string Text);

/// <summary>The newsletter a poll offers, its names, and the exact consent text (and its version) shown for it.</summary>
public sealed record NewsletterOffer(int NewsletterId, IReadOnlyDictionary<string, string> NewsletterNames, string ConsentText, int ConsentVersion);

/// <summary>Polls by their embed keys, in one language, with what readers need to answer them.</summary>
public static class ReadPolls
{
    public sealed record Query(string Language, IReadOnlyCollection<string> Keys);

    public sealed class Handler(GacetaDb db, SiteClock clock)
    {
        /// <returns>
        /// The polls readers may see, by key: those that exist, have a question in the language and have opened. A
        /// poll before its opening time is not there for readers at all: its address is a 404 and articles leave it out.
        /// </returns>
        public async Task<IReadOnlyDictionary<string, PollView>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            if (query.Keys.Count == 0)
            {
                return new Dictionary<string, PollView>();
            }

            var polls = await db.Polls
                .Where(p => query.Keys.Contains(p.Key))
                .Include(p => p.Options)
                .Include(p => p.ConsentTexts.Where(t => t.Language == query.Language))
                .Include(p => p.Newsletter)
                .AsNoTracking()
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            var now = clock.UtcNow;
            var views = new Dictionary<string, PollView>();
            foreach (var poll in polls)
            {
                var question = poll.Questions.Find(q => q.Language == query.Language);
                var state = poll.StateAt(now);
                if (question is null || state == PollState.NotYetOpen)
                {
                    continue;
                }

                var options = poll.Options
                    .OrderBy(o => o.Position).ThenBy(o => o.Id)
                    .Select(o => new PollChoice(o.Id, o.Texts.Find(t => t.Language == query.Language)?.Text ?? string.Empty))
                    .ToList();
                var consent = poll.ConsentTexts.OrderByDescending(t => t.Version).FirstOrDefault();
                var offer = poll.Newsletter is { } newsletter && consent is not null
                    ? new NewsletterOffer(newsletter.Id, newsletter.Names.ToDictionary(n => n.Language, n => n.Name), consent.Text, consent.Version)
                    : null;
                views[poll.Key] = new PollView(poll.Id, poll.Key, query.Language, question.Text, options, state, offer);
            }

            return views;
        }
    }
}
