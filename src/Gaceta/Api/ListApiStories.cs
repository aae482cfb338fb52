using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Api;

/// <summary>Published stories, newest first, a page at a time, each with its published articles.</summary>
public static class ListApiStories
{
    /// <param name="Cursor">The <see cref="ApiViews.Page{T}.Next"/> of the page before; null for the first.</param>
    public sealed record Query(string? Cursor, int Limit);

    public sealed class Handler(GacetaDb db, SiteClock clock, ArticleBodyRenderer renderer, IOptions<SiteOptions> site)
    {
        /// <summary>Stories with at least one published article, newest story first, each with its published articles.</summary>
        /// <returns>Null when the cursor is not one this API made.</returns>
        public async Task<ApiViews.Page<ApiViews.StoryView>?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (cursor, limit) = query;
            var now = clock.UtcNow;
            var visible = ReaderListings.Visibility(now);
            var stories = db.Stories.AsNoTracking()
                .Where(s => s.Articles.AsQueryable().Any(visible));
            if (cursor is not null)
            {
                if (!ApiViews.TryReadCursor(cursor, out _, out var id))
                {
                    return null;
                }

                stories = stories.Where(s => s.Id < id);
            }

            var ids = await stories.OrderByDescending(s => s.Id).Select(s => s.Id).Take(limit + 1).ToListAsync(cancellationToken);
            var page = ids.Take(limit).ToList();
            var views = await ApiViews.StoriesByIdAsync(db, clock, renderer, site.Value, page, withBody: false, cancellationToken);
            return new ApiViews.Page<ApiViews.StoryView>(page.Select(id => views[id]).ToList(), ids.Count > limit ? ApiViews.Cursor(0, page[^1]) : null);
        }
    }
}
