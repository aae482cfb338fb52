using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Syndication;

/// <summary>
/// What the sitemaps list: per language, the front page, the sections and every visible article, each with
/// its versions in the other languages (so the hreflang sets agree from every side); and the news sitemap's
/// articles of the last two days. Large sites are split into pages of <see cref="PageSize"/> articles.
/// </summary>
public static class ReadSitemap
{
    public const int PageSize = 10_000;

    /// <summary>Google's news sitemaps hold articles of the last two days, at most a thousand.</summary>
    public const int NewsLimit = 1000;

    public static readonly TimeSpan NewsWindow = TimeSpan.FromDays(2);

    /// <param name="Alternates">This address in every language it exists in, itself included, by language code.</param>
    public sealed record Entry(string Path, DateTime? LastModified, IReadOnlyDictionary<string, string> Alternates);

    public sealed record NewsEntry(string Path, string Language, string Headline, DateTime Published);

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages)
    {
        /// <summary>How many pages each language's sitemap has (at least one: the front page and sections).</summary>
        public async Task<IReadOnlyDictionary<string, int>> PagesAsync(CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var counts = await db.Articles
                .VisibleAt(now)
                .GroupBy(a => a.Language)
                .Select(g => new { Language = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            return languages.All.ToDictionary(
                l => l.Code,
                l => Math.Max(1, ((counts.Find(c => c.Language == l.Code)?.Count ?? 0) + PageSize - 1) / PageSize));
        }

        /// <summary>One page of one language's sitemap; page 1 also lists the front page and the sections.</summary>
        public async Task<IReadOnlyList<Entry>> PageAsync(string language, int page, CancellationToken cancellationToken)
        {
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

        public async Task<IReadOnlyList<NewsEntry>> NewsAsync(CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var since = now - NewsWindow;
            var rows = await db.Articles.AsNoTracking()
                .VisibleAt(now)
                .Where(a => a.PublishedAt > since)
                .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
                .Take(NewsLimit)
                .Select(a => new { a.Language, a.Slug, a.Headline, Published = a.PublishedAt!.Value })
                .ToListAsync(cancellationToken);
            return rows.Select(r => new NewsEntry(ArticlePaths.Article(r.Language, r.Published, r.Slug), r.Language, r.Headline, r.Published)).ToList();
        }
    }
}
