using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Api;

/// <summary>
/// What the public JSON API reads: published stories and articles only, with keyset cursors that stay stable
/// while new stories are published (a page never repeats or skips an item because another arrived). These are
/// the views its read use cases answer with, and the projection and cursors they share.
/// </summary>
public static class ApiViews
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

    internal static async Task<Dictionary<int, StoryView>> StoriesByIdAsync(
        GacetaDb db, SiteClock clock, ArticleBodyRenderer renderer, SiteOptions site, List<int> ids, bool withBody, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var rows = await Project(
                db.Articles.AsNoTracking().VisibleAt(now).Where(a => ids.Contains(a.StoryId)),
                withBody)
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Row.StoryId).ToDictionary(
            g => g.Key,
            g => new StoryView(g.Key, g.First().SectionId, g.First().Row.WireCredit, g.ToDictionary(r => r.Row.Language, r => View(r, withBody, renderer, site))));
    }

    internal static IQueryable<Projected> Project(IQueryable<Article> articles, bool withBody) =>
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

    internal static ArticleView View(Projected p, bool withBody, ArticleBodyRenderer renderer, SiteOptions site)
    {
        var r = p.Row;
        var published = r.PublishedAt!.Value;
        return new ArticleView(
            r.StoryId,
            r.Language,
            r.Headline,
            r.Standfirst,
            r.Slug,
            Absolute(site, ArticlePaths.Article(r.Language, published, r.Slug)),
            published,
            r.RevisedAt is { } revised && revised > published ? revised : published,
            p.SectionName is null || p.SectionSlug is null ? null : new Section(p.SectionId, p.SectionName, p.SectionSlug, Absolute(site, ArticlePaths.Section(r.Language, p.SectionSlug))),
            p.Authors,
            r.WireCredit,
            r.SourceLanguage,
            withBody && r.Body is not null ? string.Concat(renderer.ToBlocks(r.Body).Select(b => b.Html)) : null);
    }

    internal static string Absolute(SiteOptions site, string path) => new Uri(site.PublicUrl, path).AbsoluteUri;

    /// <summary>An opaque cursor: the last item's publish time and id.</summary>
    internal static string Cursor(long ticks, int id) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{ticks}:{id}")));

    internal static bool TryReadCursor(string cursor, out long ticks, out int id)
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

    internal sealed class Raw
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

    internal sealed class Projected
    {
        public required Raw Row { get; init; }

        public int SectionId { get; init; }

        public string? SectionName { get; init; }

        public string? SectionSlug { get; init; }

        public required List<string> Authors { get; init; }
    }
}
