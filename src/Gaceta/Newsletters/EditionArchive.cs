using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>
/// Past editions on the web, for signed-in subscribers: every sent edition of a free newsletter, and of a premium
/// one only while the subscriber holds an active paid or given grant to it. Each edition reads in the subscriber's
/// language, a story missing in it given in another with a note, as in the mail.
/// </summary>
public static class EditionArchive
{
    public const int PageSize = 20;

    public sealed record Entry(int Id, string Newsletter, bool Premium, string Subject, DateTime SentAt);

    public sealed record Page(IReadOnlyList<Entry> Entries, int Number, bool HasNext);

    public enum Access
    {
        Granted,

        /// <summary>No such sent edition (a draft, or one still sending, is not in the archive).</summary>
        NotFound,

        /// <summary>A premium edition, and the subscriber has no grant to its newsletter.</summary>
        Forbidden,
    }

    /// <summary>One edition as the archive shows it.</summary>
    /// <param name="Intro">Markdown, rendered by the page.</param>
    public sealed record Reading(Access Access, int Id, string Language, string Newsletter, string Subject, string Intro, DateTime SentAt, IReadOnlyList<Story> Stories);

    /// <param name="OnlyIn">The language the story is given in when it is not in the reader's.</param>
    public sealed record Story(EditionContent.Link Article, string? OnlyIn);

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages)
    {
        public async Task<Page> ListAsync(int subscriberId, string language, int page, CancellationToken cancellationToken)
        {
            var open = await PremiumGrantsAsync(subscriberId, cancellationToken);
            var number = Math.Clamp(page, 1, 10_000);
            var editions = await db.Editions.AsNoTracking()
                .Where(e => e.Status == EditionStatus.Sent && (!e.Newsletter.IsPremium || open.Contains(e.NewsletterId)))
                .OrderByDescending(e => e.FinishedAt).ThenByDescending(e => e.Id)
                .Skip((number - 1) * PageSize).Take(PageSize + 1)
                .Select(e => new { e.Id, e.Newsletter.Names, e.Newsletter.Key, e.Newsletter.IsPremium, e.Texts, SentAt = e.FinishedAt ?? e.StartedAt ?? e.CreatedAt })
                .ToListAsync(cancellationToken);
            var entries = editions.Take(PageSize).Select(e =>
            {
                var name = Pick(e.Names, n => n.Language, language)?.Name ?? e.Key;
                return new Entry(e.Id, name, e.IsPremium, Pick(e.Texts, t => t.Language, language)?.Subject ?? name, e.SentAt);
            }).ToList();
            return new Page(entries, number, editions.Count > PageSize);
        }

        public async Task<Reading> ReadAsync(int subscriberId, int editionId, string language, CancellationToken cancellationToken)
        {
            var edition = await db.Editions.AsNoTracking()
                .Where(e => e.Id == editionId && e.Status == EditionStatus.Sent)
                .Select(e => new { e.NewsletterId, e.Newsletter.IsPremium, SentAt = e.FinishedAt ?? e.StartedAt ?? e.CreatedAt })
                .FirstOrDefaultAsync(cancellationToken);
            if (edition is null)
            {
                return Refused(Access.NotFound, editionId, language);
            }

            if (edition.IsPremium && !(await PremiumGrantsAsync(subscriberId, cancellationToken)).Contains(edition.NewsletterId))
            {
                return Refused(Access.Forbidden, editionId, language);
            }

            var content = (await EditionContent.LoadAsync(db, editionId, clock.UtcNow, cancellationToken))!;
            var lang = languages.Find(language) ?? languages.Default;
            var newsletter = content.NewsletterNames.GetValueOrDefault(lang.Code) ?? content.NewsletterNames.Values.FirstOrDefault() ?? content.NewsletterKey;
            var text = content.Texts.GetValueOrDefault(lang.Code) ?? content.Texts.Values.FirstOrDefault();
            var stories = content.Stories.Select(s =>
            {
                var article = s.In(lang.Code, languages);
                return new Story(article, article.Language == lang.Code ? null : article.Language);
            }).ToList();
            return new Reading(Access.Granted, editionId, lang.Code, newsletter, text?.Subject ?? newsletter, text?.Intro ?? string.Empty, edition.SentAt, stories);
        }

        /// <summary>The premium newsletters the subscriber may read: an active subscription with a paid or given grant.</summary>
        private async Task<List<int>> PremiumGrantsAsync(int subscriberId, CancellationToken cancellationToken)
        {
            var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.SubscriberId == subscriberId).ToListAsync(cancellationToken);
            return subscriptions.Where(s => s.GivesPremiumAccess).Select(s => s.NewsletterId).ToList();
        }

        private T? Pick<T>(IEnumerable<T> items, Func<T, string> languageOf, string language)
            where T : class =>
            items.FirstOrDefault(i => languageOf(i) == language)
            ?? languages.All.Select(l => items.FirstOrDefault(i => languageOf(i) == l.Code)).FirstOrDefault(i => i is not null);

        private static Reading Refused(Access access, int id, string language) => new(access, id, language, string.Empty, string.Empty, string.Empty, default, []);
    }
}
