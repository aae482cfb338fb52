using Gaceta.Articles;
using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Sections;

/// <summary>The sections named in a language, in navigation order: the masthead's menu.</summary>
public static class ListSections
{
    public sealed record Query(string Language);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<IReadOnlyList<SectionLink>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var rows = await db.Sections
                .OrderBy(s => s.Position).ThenBy(s => s.Id)
                .SelectMany(s => s.Names.Where(n => n.Language == query.Language), (s, n) => new { s.Id, n.Name, n.Slug })
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            return rows.Select(r => new SectionLink(r.Id, r.Name, ArticlePaths.Section(query.Language, r.Slug))).ToList();
        }
    }
}
