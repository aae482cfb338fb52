using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Api;

/// <summary>
/// What the public JSON API reads: published stories and articles only, with keyset cursors that stay stable
/// while new stories are published (a page never repeats or skips an item because another arrived).
/// </summary>
public static class ReadStories
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public sealed record Section(int Id, string Name, string Slug, string Url);

    /// <param name="Names">The section in each language, by language code.</param>
    public sealed record SectionNames(int Id, IReadOnlyDictionary<string, Section> Names);

    /// <param name="BodyHtml">The body as sanitized HTML, embedded polls left out; null in listings.</param>
    public sealed record ArticleView(
        int StoryId,
        string Language,
        string Headline,
        string Standfirst,
        string Slug,
        string Url,
        DateTime PublishedAt,
        DateTime UpdatedAt,
        Section? Section,
        IReadOnlyList<string> Authors,
        string? WireCredit,
        string? SourceLanguage,
        string? BodyHtml);

    public sealed record StoryView(int Id, int SectionId, string? WireCredit, IReadOnlyDictionary<string, ArticleView> Articles);

    /// <param name="Next">The cursor of the next page; null on the last.</param>
    public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

    public sealed class Handler(GacetaDb db, SiteClock clock, ArticleBodyRenderer renderer, IOptions<SiteOptions> site)
    {
        /// <summary>One language's published articles, newest first.</summary>
        /// <returns>Null when the cursor is not one this API made.</returns>
        public async Task<Page<ArticleView>?> ArticlesAsync(string language, string? cursor, int limit, CancellationToken cancellationToken)
        {
            var query = db.Articles.AsNoTracking().Visible(language, clock.UtcNow);
            if (cursor is not null)
            {
                if (!TryReadCursor(cursor, out var ticks, out var id))
                {
                    return null;
                }

                var at = new DateTime(ticks, DateTimeKind.Utc);
                query = query.Where(a => a.PublishedAt < at || (a.PublishedAt == at && a.Id < id));
            }

            var rows = await Project(query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(limit + 1), withBody: false)
                .ToListAsync(cancellationToken);
            var items = rows.Take(limit).ToList();
            var next = rows.Count > limit ? Cursor(items[^1].Row.PublishedAt!.Value.Ticks, items[^1].Row.Id) : null;
            return new Page<ArticleView>(items.Select(r => View(r, withBody: false)).ToList(), next);
        }

        public async Task<ArticleView?> ArticleAsync(string language, string slug, CancellationToken cancellationToken)
        {
            var row = await Project(db.Articles.AsNoTracking().Visible(language, clock.UtcNow).Where(a => a.Slug == slug), withBody: true)
                .FirstOrDefaultAsync(cancellationToken);
            return row is null ? null : View(row, withBody: true);
        }

        /// <summary>Stories with at least one published article, newest story first, each with its published articles.</summary>
        public async Task<Page<StoryView>?> StoriesAsync(string? cursor, int limit, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var stories = db.Stories.AsNoTracking()
                .Where(s => s.Articles.Any(a => a.Status == ArticleStatus.Published && a.PublishedAt != null && a.PublishedAt <= now));
            if (cursor is not null)
            {
                if (!TryReadCursor(cursor, out _, out var id))
                {
                    return null;
                }

                stories = stories.Where(s => s.Id < id);
            }

            var ids = await stories.OrderByDescending(s => s.Id).Select(s => s.Id).Take(limit + 1).ToListAsync(cancellationToken);
            var page = ids.Take(limit).ToList();
            var views = await StoriesByIdAsync(page, withBody: false, cancellationToken);
            return new Page<StoryView>(page.Select(id => views[id]).ToList(), ids.Count > limit ? Cursor(0, page[^1]) : null);
        }

        public async Task<StoryView?> StoryAsync(int id, CancellationToken cancellationToken)
        {
            var views = await StoriesByIdAsync([id], withBody: true, cancellationToken);
            return views.GetValueOrDefault(id);
        }

        /// <summary>Every section with its name, slug and address in each language it has.</summary>
        public async Task<IReadOnlyList<SectionNames>> SectionsAsync(CancellationToken cancellationToken)
        {
            var sections = await db.Sections.AsNoTracking().OrderBy(s => s.Position).ThenBy(s => s.Id).ToListAsync(cancellationToken);
            return sections
                .Select(s => new SectionNames(s.Id, s.Names.ToDictionary(n => n.Language, n => new Section(s.Id, n.Name, n.Slug, Absolute(ArticlePaths.Section(n.Language, n.Slug))))))
                .ToList();
        }

        private async Task<Dictionary<int, StoryView>> StoriesByIdAsync(List<int> ids, bool withBody, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var rows = await Project(
                    db.Articles.AsNoTracking().VisibleAt(now).Where(a => ids.Contains(a.StoryId)),
                    withBody)
                .ToListAsync(cancellationToken);
            return rows.GroupBy(r => r.Row.StoryId).ToDictionary(
                g => g.Key,
                g => new StoryView(g.Key, g.First().SectionId, g.First().Row.WireCredit, g.ToDictionary(r => r.Row.Language, r => View(r, withBody))));
        }

        private static IQueryable<Projected> Project(IQueryable<Article> articles, bool withBody) =>
            articles.Select(a => new Projected
            {
                Row = new Raw
                {
                    Id = a.Id,
                    StoryId = a.StoryId,
                    Language = a.Language,
                    Headline = a.Headline,
                    Standfirst = a.Standfirst,
                    Slug = a.Slug,
                    PublishedAt = a.PublishedAt,
                    RevisedAt = a.RevisedAt,
                    WireCredit = a.Story.WireCredit,
                    SourceLanguage = a.SourceLanguage,
                    Body = withBody ? a.Body : null,
                },
                SectionId = a.Story.SectionId,
                SectionName = a.Story.Section.Names.Where(n => n.Language == a.Language).Select(n => n.Name).FirstOrDefault(),
                SectionSlug = a.Story.Section.Names.Where(n => n.Language == a.Language).Select(n => n.Slug).FirstOrDefault(),
                Authors = a.Story.Authors.OrderBy(x => x.Position).Select(x => x.Author.Name).ToList(),
            });

        private ArticleView View(Projected p, bool withBody)
        {
            var r = p.Row;
            var published = r.PublishedAt!.Value;
            return new ArticleView(
                r.StoryId,
                r.Language,
                r.Headline,
                r.Standfirst,
                r.Slug,
                Absolute(ArticlePaths.Article(r.Language, published, r.Slug)),
                published,
                r.RevisedAt is { } revised && revised > published ? revised : published,
                p.SectionName is null || p.SectionSlug is null ? null : new Section(p.SectionId, p.SectionName, p.SectionSlug, Absolute(ArticlePaths.Section(r.Language, p.SectionSlug))),
                p.Authors,
                r.WireCredit,
                r.SourceLanguage,
                withBody && r.Body is not null ? string.Concat(renderer.ToBlocks(r.Body).Select(b => b.Html)) : null);
        }

        private string Absolute(string path) => new Uri(site.Value.PublicUrl, path).AbsoluteUri;

        /// <summary>An opaque cursor: the last item's publish time and id.</summary>
        private static string Cursor(long ticks, int id) =>
            Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{ticks}:{id}")));

        private static bool TryReadCursor(string cursor, out long ticks, out int id)
        {
            ticks = 0;
            id = 0;
            if (cursor.Length > 64 || !Base64Url.IsValid(cursor))
            {
                return false;
            }

            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split(':');
            return parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ticks)
                && ticks <= DateTime.MaxValue.Ticks
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id);
        }
    }

    private sealed class Raw
    {
        public int Id { get; init; }

        public int StoryId { get; init; }

        public required string Language { get; init; }

        public required string Headline { get; init; }

        public required string Standfirst { get; init; }

        public required string Slug { get; init; }

        public DateTime? PublishedAt { get; init; }

        public DateTime? RevisedAt { get; init; }

        public string? WireCredit { get; init; }

        public string? SourceLanguage { get; init; }

        public string? Body { get; init; }
    }

    private sealed class Projected
    {
        public required Raw Row { get; init; }

        public int SectionId { get; init; }

        public string? SectionName { get; init; }

        public string? SectionSlug { get; init; }

        public required List<string> Authors { get; init; }
    }
}
