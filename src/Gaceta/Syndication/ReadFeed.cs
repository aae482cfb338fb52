using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Syndication;

/// <summary>
/// The newest published articles of one language, for the whole site or one section, as feeds carry them:
/// headline, standfirst, authors, section, dates. Never the body, so nothing embedded in an article (a poll,
/// a form) reaches a feed.
/// </summary>
public static class ReadFeed
{
    public const int Size = 30;

    /// <param name="SectionSlug">Null for the whole site in that language.</param>
    public sealed record Query(string Language, string? SectionSlug = null);

    /// <param name="Path">The page the feed follows (the language's home or the section).</param>
    /// <param name="Updated">The newest change among the entries; null for an empty feed.</param>
    public sealed record Feed(string Language, string? SectionName, int? SectionId, string Path, DateTime? Updated, IReadOnlyList<Entry> Entries);

    /// <param name="Updated">The last time readers were shown a change, or the publish time.</param>
    /// <param name="ImagePath">The lead photo's JPEG copy, when the story's lead image is a library photo.</param>
    public sealed record Entry(int StoryId, string Headline, string Standfirst, string Path, DateTime Published, DateTime Updated, IReadOnlyList<string> Authors, string? Section, string? ImagePath = null);

    public sealed class Handler(GacetaDb db, SiteClock clock)
    {
        /// <returns>Null when the section does not exist in that language.</returns>
        public async Task<Feed?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var articles = db.Articles.Visible(query.Language, clock.UtcNow);
            string? sectionName = null;
            int? sectionId = null;
            var path = ArticlePaths.Home(query.Language);
            if (query.SectionSlug is { } slug)
            {
                var section = await db.Sections.AsNoTracking()
                    .Where(s => s.Names.Any(n => n.Language == query.Language && n.Slug == slug))
                    .FirstOrDefaultAsync(cancellationToken);
                if (section?.NameIn(query.Language) is not { } name)
                {
                    return null;
                }

                sectionName = name.Name;
                sectionId = section.Id;
                path = ArticlePaths.Section(query.Language, name.Slug);
                articles = articles.Where(a => a.Story.SectionId == section.Id);
            }

            var rows = await articles
                .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
                .Take(Size)
                .Select(a => new
                {
                    a.StoryId,
                    a.Headline,
                    a.Standfirst,
                    a.Slug,
                    Published = a.PublishedAt!.Value,
                    a.RevisedAt,
                    Authors = a.Story.Authors.OrderBy(x => x.Position).Select(x => x.Author.Name).ToList(),
                    Section = a.Story.Section.Names.Where(n => n.Language == query.Language).Select(n => n.Name).FirstOrDefault(),
                    PhotoHash = db.Set<Media.MediaItem>().Where(m => m.Id == a.Story.LeadMediaId).Select(m => m.Hash).FirstOrDefault(),
                })
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            var entries = rows.Select(r => new Entry(
                    r.StoryId,
                    r.Headline,
                    r.Standfirst,
                    ArticlePaths.Article(query.Language, r.Published, r.Slug),
                    r.Published,
                    r.RevisedAt is { } revised && revised > r.Published ? revised : r.Published,
                    r.Authors,
                    r.Section,
                    r.PhotoHash is null ? null : Media.MediaVariants.Path(r.PhotoHash, Media.MediaVariants.Widths[3], Media.VariantFormat.Jpeg)))
                .ToList();
            var updated = entries.Count == 0 ? (DateTime?)null : entries.Max(e => e.Updated);
            return new Feed(query.Language, sectionName, sectionId, path, updated, entries);
        }
    }
}
