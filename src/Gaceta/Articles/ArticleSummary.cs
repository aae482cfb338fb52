using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Articles;

/// <summary>An article as a line in a listing: home page, section, author.</summary>
public sealed record ArticleSummary(
    int StoryId,
    string Headline,
    string Standfirst,
    string Path,
    DateTime PublishedAt,
    SectionLink Section,
    string? WireCredit,
    ArticleImage? Image);

/// <summary>A link to a section in the reader's language.</summary>
public sealed record SectionLink(int Id, string Name, string Path);

/// <summary>A lead image with the alternative text of the article's language.</summary>
/// <param name="Photo">When the image is a library photo: what the responsive markup needs.</param>
public sealed record ArticleImage(string Url, string Alt, string? Credit, LibraryPhoto? Photo = null);

/// <summary>A library photo as reader pages use it: its address key, its size and where crops centre.</summary>
public sealed record LibraryPhoto(string Hash, int Width, int Height, double FocalX, double FocalY);

/// <summary>A library photo placed in an article's text, with what readers of that language are told about it.</summary>
public sealed record PlacedPhoto(LibraryPhoto Photo, string Alt, string? Caption, string? Credit);

/// <summary>One page of a listing. Pages are numbered from 1.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int TotalCount)
{
    public int TotalPages => Math.Max(1, (TotalCount + Size - 1) / Size);

    public bool HasPrevious => Number > 1;

    public bool HasNext => Number < TotalPages;
}

/// <summary>The queries every reader listing shares: what is visible, newest first, one page at a time.</summary>
public static class ReaderListings
{
    public const int PageSize = 12;

    /// <summary>
    /// Published articles whose publish time has come: what readers may see, in a query. The same rule in memory
    /// is <see cref="Article.IsVisibleAt"/>.
    /// </summary>
    public static IQueryable<Article> VisibleAt(this IQueryable<Article> articles, DateTime utcNow) =>
        articles.Where(Visibility(utcNow));

    /// <summary>
    /// The same rule as an expression, for queries over a navigation inside a projection:
    /// <c>story.Articles.AsQueryable().Where(visible)</c> with <c>visible</c> a local variable.
    /// </summary>
    public static Expression<Func<Article, bool>> Visibility(DateTime utcNow) =>
        a => a.Status == ArticleStatus.Published && a.PublishedAt != null && a.PublishedAt <= utcNow;

    /// <summary>Published articles of one language whose publish time has come.</summary>
    public static IQueryable<Article> Visible(this IQueryable<Article> articles, string language, DateTime utcNow) =>
        articles.VisibleAt(utcNow).Where(a => a.Language == language);

    public static async Task<Page<ArticleSummary>> ToSummaryPageAsync(
        this IQueryable<Article> visible, string language, int pageNumber, CancellationToken cancellationToken)
    {
        var total = await visible.CountAsync(cancellationToken);
        var number = Math.Clamp(pageNumber, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await visible
            .OrderByDescending(a => a.PublishedAt)
            .ThenByDescending(a => a.Id)
            .Skip((number - 1) * PageSize)
            .Take(PageSize)
            .Select(a => new
            {
                a.StoryId,
                a.Headline,
                a.Standfirst,
                a.Slug,
                PublishedAt = a.PublishedAt!.Value,
                a.Story.SectionId,
                Section = a.Story.Section.Names.Where(n => n.Language == language).Select(n => new { n.Name, n.Slug }).FirstOrDefault(),
                a.Story.WireCredit,
                ImageUrl = a.Story.LeadImage!.Url,
                ImageCredit = a.Story.LeadImage!.Credit,
                a.LeadImageAlt,
                Photo = a.Story.LeadMedia == null ? null : new
                {
                    a.Story.LeadMedia.Hash,
                    a.Story.LeadMedia.Width,
                    a.Story.LeadMedia.Height,
                    a.Story.LeadMedia.FocalX,
                    a.Story.LeadMedia.FocalY,
                    a.Story.LeadMedia.Credit,
                    // Every language's text, chosen below: a correlated pick would need APPLY, which SQLite lacks.
                    Texts = a.Story.LeadMedia.Texts.Select(t => new { t.Language, t.Alt }).ToList(),
                },
            })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var items = rows.Select(r => new ArticleSummary(
            r.StoryId,
            r.Headline,
            r.Standfirst,
            ArticlePaths.Article(language, r.PublishedAt, r.Slug),
            r.PublishedAt,
            SectionLinkFor(r.SectionId, language, r.Section?.Name, r.Section?.Slug),
            r.WireCredit,
            LeadImages.Choose(
                r.Photo is { } photo ? new LibraryPhoto(photo.Hash, photo.Width, photo.Height, photo.FocalX ?? 0.5, photo.FocalY ?? 0.5) : null,
                r.Photo?.Texts.Find(t => t.Language == language)?.Alt,
                r.Photo?.Credit,
                r.LeadImageAlt,
                r.ImageUrl,
                r.ImageCredit)))
            .ToList();
        return new Page<ArticleSummary>(items, number, PageSize, total);
    }

    /// <summary>A section without a name in this language still links somewhere sensible: the language home.</summary>
    internal static SectionLink SectionLinkFor(int id, string language, string? name, string? slug) =>
        new(id, name ?? string.Empty, slug is null ? ArticlePaths.Home(language) : ArticlePaths.Section(language, slug));
}
