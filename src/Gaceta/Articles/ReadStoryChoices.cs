using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Articles;

/// <summary>What a story's section, byline and lead photo can be set to: sections named in the staff member's language, authors, and the library's newest photos.</summary>
public static class ReadStoryChoices
{
    public sealed record Query(string Language);

    public const int PhotoChoices = 100;

    public sealed record Model(IReadOnlyList<Choice> Sections, IReadOnlyList<Choice> Authors, IReadOnlyList<Choice> Photos);

    public sealed record Choice(int Id, string Name);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<Model> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ToListAsync(cancellationToken);
            var authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new Choice(a.Id, a.Name)).ToListAsync(cancellationToken);
            var photos = await db.Set<Media.MediaItem>().AsNoTracking().OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(PhotoChoices)
                .Select(m => new { m.Id, m.FileName, Alt = m.Texts.Where(t => t.Language == query.Language).Select(t => t.Alt).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            return new Model(
                sections.Select(s => new Choice(s.Id, (s.NameIn(query.Language) ?? s.Names.FirstOrDefault())?.Name ?? $"#{s.Id}")).ToList(),
                authors,
                photos.Select(p => new Choice(p.Id, string.IsNullOrEmpty(p.Alt) ? p.FileName : $"{p.Alt} ({p.FileName})")).ToList());
        }
    }
}
