using Gaceta.Newsletters;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Newsletters;

/// <summary>The edition's mail as readers of one language will get it, served as the HTML itself.</summary>
public sealed class PreviewModel(PreviewEdition.Handler preview) : AdminPageModel
{
    /// <summary>
    /// Mail HTML is styled inline and must stay so for mail clients; this page alone allows inline styles, and
    /// nothing else: no scripts, no frames, images from https only.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    [FromRoute(Name = "id")]
    public int EditionId { get; set; }

    [FromRoute(Name = "lang")]
    public string Lang { get; set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await preview.HandleAsync(new PreviewEdition.Query(EditionId, Lang), cancellationToken) is not { } html)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return Content(html, "text/html; charset=utf-8");
    }
}
