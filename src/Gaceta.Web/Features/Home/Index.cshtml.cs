using Gaceta.Articles;
using Gaceta.Site;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gaceta.Web.Features.Home;

/// <summary>A language's front page: the lead story, then the latest, a page at a time.</summary>
public sealed class IndexModel(ReadFrontPage.Handler frontPage, SiteLanguages languages, IStringLocalizer<SharedResource> text)
    : ListingPageModel
{
    public ReadFrontPage.Model Front { get; private set; } = null!;

    public PagerModel Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Front = await frontPage.HandleAsync(new ReadFrontPage.Query(Lang, PageNumber), cancellationToken);
        if (IsMissing(Front.Latest))
        {
            return NotFound();
        }

        var path = ArticlePaths.Home(Lang);
        Pager = new PagerModel(path, Front.Latest.Number, Front.Latest.TotalPages);
        Head = new ReaderHead(
            PageNumber > 1 ? string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Latest news, page {0}"], PageNumber) : text["Latest news"],
            text["News in English and Spanish, written and edited by the Gaceta newsroom."],
            Pager.PathFor(PageNumber),
            languages.All.Select(l => new Alternate(l.Code, ArticlePaths.Home(l.Code))).ToList());

        var shown = Front.Latest.Items.Select(i => i.StoryId);
        if (Front.Lead is { } lead)
        {
            shown = shown.Append(lead.StoryId);
        }

        HttpContext.TagReaderCache(shown.Select(ReaderCache.Story).Append(ReaderCache.FrontTag));
        AllowPublicCaching();
        return Page();
    }
}
