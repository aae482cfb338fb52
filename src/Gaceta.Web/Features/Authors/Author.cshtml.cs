using Gaceta.Authors;
using Gaceta.Site;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;
using Gaceta.Web.Infrastructure.Localization;

namespace Gaceta.Web.Features.Authors;

/// <summary>An author's page at <c>/{lang}/{authors}/{slug}</c>: bio and stories in this language.</summary>
public sealed class AuthorModel(
    ReadAuthor.Handler authors,
    SiteLanguages languages,
    InterfaceText text) : ListingPageModel
{
    [FromRoute(Name = "segment")]
    public string Segment { get; set; } = string.Empty;

    [FromRoute(Name = "slug")]
    public string Slug { get; set; } = string.Empty;

    public ReadAuthor.Model Author { get; private set; } = null!;

    public PagerModel Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var language = languages.Get(Lang);
        if (!string.Equals(Segment, AuthorPaths.Segment(text, language), StringComparison.Ordinal))
        {
            return NotFound();
        }

        var author = await authors.HandleAsync(new ReadAuthor.Query(Lang, Slug, PageNumber), cancellationToken);
        if (author is null || IsMissing(author.Articles))
        {
            return NotFound();
        }

        Author = author;
        var path = AuthorPaths.For(text, language, author.Slug);
        Pager = new PagerModel(path, author.Articles.Number, author.Articles.TotalPages);
        Head = new ReaderHead(
            author.Name,
            author.Bio,
            Pager.PathFor(PageNumber),
            languages.All
                .Select(l => new Alternate(l.Code, AuthorPaths.For(text, l, author.Slug)))
                .ToList());

        HttpContext.TagReaderCache(
            author.Articles.Items.Select(i => ReaderCache.Story(i.StoryId))
                .Append(ReaderCache.AuthorListing(author.AuthorId))
                .Append(ReaderCache.Author(author.AuthorId)));
        AllowPublicCaching();
        return Page();
    }
}
