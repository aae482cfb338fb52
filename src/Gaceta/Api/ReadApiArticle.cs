using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Api;

/// <summary>One published article, by language and slug, with its body.</summary>
public static class ReadApiArticle
{
    public sealed record Query(string Language, string Slug);

    public sealed class Handler(GacetaDb db, SiteClock clock, ArticleBodyRenderer renderer, IOptions<SiteOptions> site)
    {
        /// <returns>Null when no published article has this slug in this language.</returns>
        public async Task<ApiViews.ArticleView?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (language, slug) = query;
            var row = await ApiViews.Project(db.Articles.AsNoTracking().Visible(language, clock.UtcNow).Where(a => a.Slug == slug), withBody: true)
                .FirstOrDefaultAsync(cancellationToken);
            return row is null ? null : ApiViews.View(row, withBody: true, renderer, site.Value);
        }
    }
}
