using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Sections;

/// <summary>A reader opens a section by its slug in their language.</summary>
public static class ReadSection
{
    public sealed record Query(string Language, string Slug, int Page = 1);

    public sealed record Model(int SectionId, string Name, string Path, IReadOnlyList<Translation> Translations, Page<ArticleSummary> Articles);

    /// <summary>The section's own page in another language.</summary>
    public sealed record Translation(string Language, string Path);

    public sealed class Handler(GacetaDb db, SiteClock clock)
    {
        public async Task<Model?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var section = await db.Sections
                .Where(s => s.Names.Any(n => n.Language == query.Language && n.Slug == query.Slug))
                .AsNoTracking()
                .FirstOrDefaultAsync(cancellationToken);
            if (section?.NameIn(query.Language) is not { } name)
            {
                return null;
            }

            var articles = await db.Articles
                .Visible(query.Language, clock.UtcNow)
                .Where(a => a.Story.SectionId == section.Id)
                .ToSummaryPageAsync(query.Language, query.Page, cancellationToken);
            var translations = section.Names
                .Where(n => n.Language != query.Language)
                .Select(n => new Translation(n.Language, ArticlePaths.Section(n.Language, n.Slug)))
                .ToList();
            return new Model(section.Id, name.Name, ArticlePaths.Section(query.Language, name.Slug), translations, articles);
        }
    }
}
