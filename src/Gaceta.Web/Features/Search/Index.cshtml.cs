using Gaceta.Search;
using Gaceta.Site;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Localization;
using Gaceta.Web.Infrastructure.Network;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gaceta.Web.Features.Search;

/// <summary>
/// The search page (<c>/en/search?q=…</c>, <c>/es/buscar?q=…</c>): a plain GET form and ranked results in the
/// page's language with highlighted passages, ten to a page. Results are cached per query like reader pages.
/// </summary>
public sealed class IndexModel(SearchArticles.Handler search, SearchRateLimiter limiter, SiteLanguages languages, InterfaceText text, IStringLocalizer<SharedResource> localizer)
    : ReaderPageModel
{
    [FromQuery(Name = "q")]
    public string? Text { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public SearchArticles.Result Result { get; private set; } = null!;

    /// <summary>The client ran too many searches in the last minute; nothing was searched.</summary>
    public bool Throttled { get; private set; }

    public string Path => SearchPaths.For(text, Language);

    public string PathFor(int page) =>
        $"{Path}?q={Uri.EscapeDataString(Text ?? string.Empty)}{(page > 1 ? $"&page={page}" : string.Empty)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Text = Text?.Trim();
        if (Text?.Length > 200)
        {
            Text = Text[..200];
        }

        Head = new ReaderHead(
            string.IsNullOrEmpty(Text) ? localizer["Search stories"] : string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Search: {0}"], Text),
            null,
            Path,
            languages.All.Select(l => new Alternate(l.Code, SearchPaths.For(text, l))).ToList());
        // Only a search that reaches the database counts: a cached answer never gets here.
        if (!string.IsNullOrEmpty(Text) && await limiter.TryAcquireAsync(HttpContext.ClientAddress(), cancellationToken) is { } retryAfter)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Response.Headers.CacheControl = "no-store";
            Throttled = true;
            Result = new SearchArticles.Result([], [], 1, false);
            return Page();
        }

        Result = await search.HandleAsync(new SearchArticles.Query(Lang, Text, PageNumber), cancellationToken);
        if (Result.Page != PageNumber && PageNumber != 1 || (PageNumber > 1 && Result.Hits.Count == 0))
        {
            return NotFound();
        }

        // Every publish changes what a search finds: results go with the front pages.
        HttpContext.TagReaderCache(ReaderCache.FrontTag);
        AllowPublicCaching();
        return Page();
    }
}
