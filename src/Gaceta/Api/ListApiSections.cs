using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Api;

/// <summary>The sections as the API lists them.</summary>
public static class ListApiSections
{
    public sealed record Query;

    public sealed class Handler(GacetaDb db, IOptions<SiteOptions> site)
    {
        /// <summary>Every section with its name, slug and address in each language it has.</summary>
        public async Task<IReadOnlyList<ApiViews.SectionNames>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Id).ToListAsync(cancellationToken);
            return sections
                .Select(s => new ApiViews.SectionNames(s.Id, s.Names.ToDictionary(n => n.Language, n => new ApiViews.Section(s.Id, n.Name, n.Slug, ApiViews.Absolute(site.Value, ArticlePaths.Section(n.Language, n.Slug))))))
                .ToList();
        }
    }
}
