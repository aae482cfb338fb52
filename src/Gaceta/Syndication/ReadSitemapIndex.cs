using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Syndication;

/// <summary>
/// What the sitemap index lists: per language, how many pages of <see cref="ReadSitemapPage.PageSize"/> articles
/// its sitemap has.
/// </summary>
public static class ReadSitemapIndex
{
    public sealed record Query;

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages)
    {
        /// <summary>How many pages each language's sitemap has (at least one: the front page and sections).</summary>
        public async Task<IReadOnlyDictionary<string, int>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var counts = await db.Articles
                .VisibleAt(now)
                .GroupBy(a => a.Language)
                .Select(g => new { Language = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            return languages.All.ToDictionary(
                l => l.Code,
                l => Math.Max(1, ((counts.Find(c => c.Language == l.Code)?.Count ?? 0) + ReadSitemapPage.PageSize - 1) / ReadSitemapPage.PageSize));
        }
    }
}
