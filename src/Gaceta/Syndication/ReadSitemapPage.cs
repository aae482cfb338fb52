using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Syndication;

/// <summary>
/// What the sitemaps list: per language, the front page, the sections and every visible article, each with
/// its versions in the other languages (so the hreflang sets agree from every side). Large sites are split into
/// pages of <see cref="PageSize"/> articles.
/// </summary>
public static class ReadSitemapPage
{
    public const int PageSize = 10_000;

    public sealed record Query(string Language, int Page);

    /// <param name="Alternates">This address in every language it exists in, itself included, by language code.</param>
    public sealed record Entry(string Path, DateTime? LastModified, IReadOnlyDictionary<string, string> Alternates);

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages)
    {
        /// <summary>One page of one language's sitemap; page 1 also lists the front page and the sections.</summary>
        public async Task<IReadOnlyList<Entry>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var (language, page) = query;
            var now = clock.UtcNow;
            var entries = new List<Entry>();
            if (page == 1)
            {
                entries.Add(new Entry(ArticlePaths.Home(language), null, languages.All.ToDictionary(l => l.Code, l => ArticlePaths.Home(l.Code))));
                var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Id).ToListAsync(cancellationToken);
                entries.AddRange(sections
                    .Where(s => s.NameIn(language) is not null)
                    .Select(s => new Entry(
                        ArticlePaths.Section(language, s.NameIn(language)!.Slug),
                        null,
                        s.Names.ToDictionary(n => n.Language, n => ArticlePaths.Section(n.Language, n.Slug)))));
            }

            var articles = await db.Articles.AsNoTracking()
                .Visible(language, now)
                .OrderBy(a => a.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(a => new { a.StoryId, a.Slug, Published = a.PublishedAt!.Value, a.RevisedAt })
                .ToListAsync(cancellationToken);
            var storyIds = articles.Select(a => a.StoryId).ToList();
            var others = await db.Articles.AsNoTracking()
                .VisibleAt(now)
                .Where(a => storyIds.Contains(a.StoryId) && a.Language != language)
                .Select(a => new { a.StoryId, a.Language, a.Slug, Published = a.PublishedAt!.Value })
                .ToListAsync(cancellationToken);
            var byStory = others.ToLookup(o => o.StoryId);
            entries.AddRange(articles.Select(a =>
            {
                var path = ArticlePaths.Article(language, a.Published, a.Slug);
                var alternates = byStory[a.StoryId].ToDictionary(o => o.Language, o => ArticlePaths.Article(o.Language, o.Published, o.Slug));
                alternates[language] = path;
                return new Entry(path, a.RevisedAt is { } revised && revised > a.Published ? revised : a.Published, alternates);
            }));
            return entries;
        }
    }
}
