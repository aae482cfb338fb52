using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Syndication;

/// <summary>What the news sitemap lists: the articles of the last two days, newest first.</summary>
public static class ReadNewsSitemap
{
    /// <summary>Google's news sitemaps hold articles of the last two days, at most a thousand.</summary>
    public const int NewsLimit = 1000;

    public static readonly TimeSpan NewsWindow = TimeSpan.FromDays(2);

    public sealed record Query;

    public sealed record NewsEntry(string Path, string Language, string Headline, DateTime Published);

    public sealed class Handler(GacetaDb db, SiteClock clock)
    {
        public async Task<IReadOnlyList<NewsEntry>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var since = now - NewsWindow;
            var rows = await db.Articles.AsNoTracking()
                .VisibleAt(now)
                .Where(a => a.PublishedAt > since)
                .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
                .Take(NewsLimit)
                .Select(a => new { a.Language, a.Slug, a.Headline, Published = a.PublishedAt!.Value })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new NewsEntry(ArticlePaths.Article(r.Language, r.Published, r.Slug), r.Language, r.Headline, r.Published)).ToList();
        }
    }
}
