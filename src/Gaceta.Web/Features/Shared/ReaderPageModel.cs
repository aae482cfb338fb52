using Gaceta.Articles;
using Gaceta.Site;
using Gaceta.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaceta.Web.Features.Shared;

/// <summary>
/// Base of every public page: the language comes from the address, the page is the same for everyone (and so
/// output-cached, see <see cref="ReaderCache"/>), and it declares what the layout puts in <c>&lt;head&gt;</c>.
/// </summary>
public abstract class ReaderPageModel : PageModel
{
    /// <summary>The language code from the address, already checked against the configured languages.</summary>
    [FromRoute(Name = "lang")]
    public string Lang { get; set; } = string.Empty;

    public ReaderHead Head { get; protected set; } = ReaderHead.Empty;

    /// <summary>The page's language, resolved from <see cref="Lang"/>.</summary>
    public SiteLanguage Language => HttpContext.RequestServices.GetRequiredService<SiteLanguages>().Get(Lang);

    /// <summary>Reader pages may be kept by browsers and shared caches for a minute.</summary>
    protected void AllowPublicCaching() => Response.Headers.CacheControl = "public, max-age=60";
}

/// <summary>A reader page that lists stories a page at a time (<c>?page=2</c>).</summary>
public abstract class ListingPageModel : ReaderPageModel
{
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>
    /// Listings clamp the requested page into range; a page that had to be clamped does not exist. Page 1
    /// always exists, even when empty.
    /// </summary>
    protected bool IsMissing<T>(Page<T> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Number != PageNumber && PageNumber != 1;
    }
}

/// <summary>What a reader page tells browsers and search engines about itself.</summary>
/// <param name="Title">Document title, without the site name.</param>
/// <param name="Description">Meta description; the standfirst on article pages.</param>
/// <param name="CanonicalPath">This page's own address, relative to the site's public URL.</param>
/// <param name="Alternates">This page in every language it exists in, this one included.</param>
public sealed record ReaderHead(string Title, string? Description, string CanonicalPath, IReadOnlyList<Alternate> Alternates)
{
    public static ReaderHead Empty { get; } = new(string.Empty, null, "/", []);

    /// <summary>
    /// The version for readers whose language is none of these: the default language's, or the first.
    /// </summary>
    public Alternate? XDefault(SiteLanguages languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        return Alternates.FirstOrDefault(a => a.Language == languages.Default.Code) ?? (Alternates.Count > 0 ? Alternates[0] : null);
    }
}

/// <summary>A language version of a page.</summary>
public sealed record Alternate(string Language, string Path);
