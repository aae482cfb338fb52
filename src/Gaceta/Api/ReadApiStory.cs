using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.Extensions.Options;

namespace Gaceta.Api;

/// <summary>One story with each of its published articles and their bodies.</summary>
public static class ReadApiStory
{
    public sealed record Query(int Id);

    public sealed class Handler(GacetaDb db, SiteClock clock, ArticleBodyRenderer renderer, IOptions<SiteOptions> site)
    {
        /// <returns>Null when the story has no published article.</returns>
        public async Task<ApiViews.StoryView?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var views = await ApiViews.StoriesByIdAsync(db, clock, renderer, site.Value, [query.Id], withBody: true, cancellationToken);
            return views.GetValueOrDefault(query.Id);
        }
    }
}
