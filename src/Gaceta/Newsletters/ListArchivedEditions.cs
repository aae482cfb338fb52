using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>The archive's list: the sent editions a signed-in subscriber may read, newest first, a page at a time.</summary>
public static class ListArchivedEditions
{
    public const int PageSize = 20;

    public sealed record Query(int SubscriberId, string Language, int Page);

    public sealed record Entry(int Id, string Newsletter, bool Premium, string Subject, DateTime SentAt);

    public sealed record Page(IReadOnlyList<Entry> Entries, int Number, bool HasNext);

    public sealed class Handler(GacetaDb db, SiteLanguages languages)
    {
        public async Task<Page> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var language = query.Language;
            var open = await ArchivedEditions.PremiumGrantsAsync(db, query.SubscriberId, cancellationToken);
            var number = Math.Clamp(query.Page, 1, 10_000);
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

        private T? Pick<T>(IEnumerable<T> items, Func<T, string> languageOf, string language)
            where T : class =>
            items.FirstOrDefault(i => languageOf(i) == language)
            ?? languages.All.Select(l => items.FirstOrDefault(i => languageOf(i) == l.Code)).FirstOrDefault(i => i is not null);
    }
}
