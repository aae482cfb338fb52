using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Api;

/// <summary>One language's published articles, newest first, a page at a time.</summary>
public static class ListApiArticles
{
    /// <param name="Cursor">The <see cref="ApiViews.Page{T}.Next"/> of the page before; null for the first.</param>
    public sealed record Query(string Language, string? Cursor, int Limit);

    public sealed class Handler(GacetaDb db, SiteClock clock, ArticleBodyRenderer renderer, IOptions<SiteOptions> site)
    {
        /// <summary>One language's published articles, newest first.</summary>
        /// <returns>Null when the cursor is not one this API made.</returns>
        public async Task<ApiViews.Page<ApiViews.ArticleView>?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (language, cursor, limit) = query;
            var articles = db.Articles.AsNoTracking().Visible(language, clock.UtcNow);
            if (cursor is not null)
            {
                if (!ApiViews.TryReadCursor(cursor, out var ticks, out var id))
                {
                    return null;
                }

                var at = new DateTime(ticks, DateTimeKind.Utc);
                articles = articles.Where(a => a.PublishedAt < at || (a.PublishedAt == at && a.Id < id));
            }

            var rows = await ApiViews.Project(articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(limit + 1), withBody: false)
                .ToListAsync(cancellationToken);
            var items = rows.Take(limit).ToList();
            var next = rows.Count > limit ? ApiViews.Cursor(items[^1].Row.PublishedAt!.Value.Ticks, items[^1].Row.Id) : null;
            return new ApiViews.Page<ApiViews.ArticleView>(items.Select(r => ApiViews.View(r, withBody: false, renderer, site.Value)).ToList(), next);
        }
    }
}
