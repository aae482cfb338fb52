using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Articles;

/// <summary>What a story's section and byline can be set to: sections named in the staff member's language, and authors.</summary>
public static class ReadStoryChoices
{
    public sealed record Query(string Language);

    public sealed record Model(IReadOnlyList<Choice> Sections, IReadOnlyList<Choice> Authors);

    public sealed record Choice(int Id, string Name);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<Model> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ToListAsync(cancellationToken);
            var authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new Choice(a.Id, a.Name)).ToListAsync(cancellationToken);
            return new Model(
                sections.Select(s => new Choice(s.Id, (s.NameIn(query.Language) ?? s.Names.FirstOrDefault())?.Name ?? $"#{s.Id}")).ToList(),
                authors);
        }
    }
}
