using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>A poll as a reader sees it in one language.</summary>
/// <param name="Version">The version of the poll's texts and answers this view was made from.</param>
public sealed record PollView(
    int Id,
    string Key,
    string Language,
    string Question,
    IReadOnlyList<PollChoice> Options,
    PollState State,
    NewsletterOffer? Offer,
    int Version = 0);

/// <summary>An answer a reader can choose.</summary>
public sealed record PollChoice(int Id, string Text);

/// <summary>The newsletter a poll offers, its names, and the exact consent text (and its version) shown for it.</summary>
public sealed record NewsletterOffer(int NewsletterId, IReadOnlyDictionary<string, string> NewsletterNames, string ConsentText, int ConsentVersion);

/// <summary>Polls by their embed keys, in one language, with what readers need to answer them.</summary>
public static class ReadPolls
{
    /// <param name="KeptWillDo">
    /// A poll this node has kept may be used without asking the database for its version: for a caller that checks the
    /// version itself before it relies on it (a vote, whose batch compares it in its own transaction).
    /// </param>
    public sealed record Query(string Language, IReadOnlyCollection<string> Keys, bool KeptWillDo = false);

    public sealed class Handler(GacetaDb db, SiteClock clock, PollDefinitions definitions)
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

            // Which polls there are, and the version of each: one small read. A poll's texts are read again only when
            // its version is not the one this node keeps (every save in the staff area raises it).
            var kept = query.KeptWillDo ? query.Keys.Select(definitions.Latest).OfType<Poll>().ToList() : [];
            var stamps = kept.Count == query.Keys.Count
                ? kept.ConvertAll(p => new PollStamp(p.Id, p.Version, p.CreatedAt))
                : query.Keys.Count == 1
                ? await definitions.StampOf(db, query.Keys.First()).ToListAsync(cancellationToken)
                : await db.Polls.Where(p => query.Keys.Contains(p.Key)).Select(p => new PollStamp(p.Id, p.Version, p.CreatedAt)).ToListAsync(cancellationToken);
            var now = clock.UtcNow;
            var views = new Dictionary<string, PollView>();
            foreach (var stamp in stamps)
            {
                var poll = definitions.Get(stamp) ?? definitions.Keep(stamp, await ReadAsync(stamp.Id, cancellationToken));
                if (poll is null)
                {
                    continue;
                }

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
                var consent = poll.ConsentTexts.Where(t => t.Language == query.Language).MaxBy(t => t.Version);
                var offer = poll.Newsletter is { } newsletter && consent is not null
                    ? new NewsletterOffer(newsletter.Id, newsletter.Names.ToDictionary(n => n.Language, n => n.Name), consent.Text, consent.Version)
                    : null;
                views[poll.Key] = new PollView(poll.Id, poll.Key, query.Language, question.Text, options, state, offer, poll.Version);
            }

            return views;
        }

        /// <summary>The poll with every language's texts, its answers and the newsletter it offers.</summary>
        private async Task<Poll?> ReadAsync(int pollId, CancellationToken cancellationToken)
        {
            var poll = await db.Polls
                .Where(p => p.Id == pollId)
                .Include(p => p.Options)
                .Include(p => p.ConsentTexts)
                .Include(p => p.Newsletter)
                .AsNoTracking()
                .AsSplitQuery()
                .FirstOrDefaultAsync(cancellationToken);
            return poll;
        }
    }
}

/// <summary>A poll's id, the version of its texts, and when it was made (so an id used again is another poll).</summary>
public sealed record PollStamp(int Id, int Version, DateTime CreatedAt);

/// <summary>
/// Each poll's texts, answers and offer as last read on this node, by version. Readers' pages ask for a poll far more
/// often than the newsroom changes one, and every change raises the poll's version, so a kept poll is used only while
/// the database still has that version: a change made on any node is seen by the next read on every node.
/// </summary>
public sealed class PollDefinitions
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Poll> _kept = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Poll> _byKey = new(StringComparer.Ordinal);

    /// <summary>
    /// One poll's stamp by its key, the question every article page and every vote asks first: compiled once, so it
    /// skips the per-call translation work that costs more than the lookup itself. Kept here, once per container,
    /// because a compiled query serves one model (tests run both engines in one process).
    /// </summary>
    public Func<GacetaDb, string, IAsyncEnumerable<PollStamp>> StampOf { get; } =
        EF.CompileAsyncQuery((GacetaDb db, string key) => db.Polls.Where(p => p.Key == key).Select(p => new PollStamp(p.Id, p.Version, p.CreatedAt)));

    /// <summary>The newest poll kept under this key, whatever the database now says; null when none is.</summary>
    public Poll? Latest(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The kept poll when it is of this version; null otherwise.</summary>
    public Poll? Get(PollStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        return _kept.TryGetValue(stamp.Id, out var kept) && kept.Version == stamp.Version && kept.CreatedAt == stamp.CreatedAt ? kept : null;
    }

    /// <summary>Keeps a poll just read (never changed afterwards) as the one of this version.</summary>
    public Poll? Keep(PollStamp stamp, Poll? poll)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        if (poll is null)
        {
            if (_kept.TryRemove(stamp.Id, out var gone))
            {
                _byKey.TryRemove(new KeyValuePair<string, Poll>(gone.Key, gone));
            }

            return null;
        }

        // Read after the stamp: the poll read may be newer than the stamp, never older. Kept under the version it
        // has, so a newer one read here is not taken for the older stamp's.
        _kept[poll.Id] = poll;
        _byKey[poll.Key] = poll;
        return poll;
    }
}
