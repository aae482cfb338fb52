using Gaceta.Articles;
using Gaceta.Authors;
using Gaceta.Data;
using Gaceta.Sections;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Importing;

/// <summary>
/// The sections and authors imported stories are filed under: an existing one with the same slug is reused, else
/// one is made. Sections and authors have no use case of their own yet, so they are written here as rows, inside
/// the transaction of the item that needs them. Each is looked up once per run; after a rollback the memory of
/// what was made goes too.
/// </summary>
public sealed class NewsroomTargets(GacetaDb db)
{
    private readonly Dictionary<string, int> _sections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _authors = new(StringComparer.Ordinal);

    /// <summary>Forgets what this run found or made: the transaction that made some of it was rolled back.</summary>
    public void Forget()
    {
        _sections.Clear();
        _authors.Clear();
    }

    /// <param name="names">Name and slug per language, as the other system has them.</param>
    public async Task<int> SectionAsync(IReadOnlyDictionary<string, (string Name, string Slug)> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var wanted = names.ToDictionary(n => n.Key, n => (n.Value.Name.Trim(), Slug: Slugs.IsValid(n.Value.Slug) ? n.Value.Slug : Slugs.FromText(n.Value.Name)));
        var key = string.Join('|', wanted.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => $"{n.Key}:{n.Value.Slug}"));
        if (_sections.TryGetValue(key, out var known))
        {
            return known;
        }

        _sections[key] = await FindOrMakeSectionAsync(wanted, cancellationToken);
        return _sections[key];
    }

    private async Task<int> FindOrMakeSectionAsync(Dictionary<string, (string Name, string Slug)> wanted, CancellationToken cancellationToken)
    {
        foreach (var (language, (_, slug)) in wanted)
        {
            var existing = await db.Sections.Where(s => s.Names.Any(n => n.Language == language && n.Slug == slug)).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is { } id)
            {
                return id;
            }
        }

        var section = new Section
        {
            Position = (await db.Sections.MaxAsync(s => (int?)s.Position, cancellationToken) ?? -1) + 1,
            Names = wanted.Select(n => new SectionName { Language = n.Key, Name = n.Value.Item1, Slug = n.Value.Slug }).ToList(),
        };
        db.Sections.Add(section);
        await db.SaveChangesAsync(cancellationToken);
        return section.Id;
    }

    /// <param name="bio">The author's biography in <paramref name="language"/>, when the other system has one: given to a new author, or to one with none in that language yet.</param>
    public async Task<int> AuthorAsync(string name, string slug, CancellationToken cancellationToken, string? bio = null, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        slug = Slugs.IsValid(slug) ? slug : Slugs.FromText(string.IsNullOrWhiteSpace(slug) ? name : slug);
        if (_authors.TryGetValue(slug, out var known))
        {
            return known;
        }

        _authors[slug] = await FindOrMakeAuthorAsync(name, slug, string.IsNullOrWhiteSpace(bio) || language is null ? null : (language, bio.Trim()), cancellationToken);
        return _authors[slug];
    }

    private async Task<int> FindOrMakeAuthorAsync(string name, string slug, (string Language, string Text)? bio, CancellationToken cancellationToken)
    {
        var author = await db.Authors.FirstOrDefaultAsync(a => a.Slug == slug, cancellationToken);
        if (author is null)
        {
            author = new Author { Slug = slug, Name = name.Trim().Length > 0 ? name.Trim()[..Math.Min(name.Trim().Length, AuthorLimits.Name)] : slug };
            db.Authors.Add(author);
        }

        if (bio is { } given && author.BioIn(given.Language) is null)
        {
            author.Bios.Add(new AuthorBio { Language = given.Language, Text = given.Text[..Math.Min(given.Text.Length, AuthorLimits.Bio)] });
        }

        await db.SaveChangesAsync(cancellationToken);
        return author.Id;
    }
}
