using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Wire;

/// <summary>Where imported wire stories go, before any item is read.</summary>
public static class FindWireSection
{
    /// <param name="Slug">A section's slug in any language; null for the first section.</param>
    public sealed record Query(string? Slug);

    public sealed class Handler(GacetaDb db)
    {
        /// <summary>The section wire stories go to: the one with this slug in any language, or the first section.</summary>
        /// <returns>Null when no section has the slug, or (without one) the site has no section yet.</returns>
        public async Task<int?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var slug = query.Slug;
            var sections = db.Sections.AsNoTracking();
            return slug is null
                ? await sections.OrderBy(s => s.Position).ThenBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken)
                : await sections.Where(s => s.Names.Any(n => n.Slug == slug)).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        }
    }
}
