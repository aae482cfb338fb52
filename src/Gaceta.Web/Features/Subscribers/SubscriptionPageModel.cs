using Gaceta.Subscribers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaceta.Web.Features.Subscribers;

/// <summary>
/// Base of the pages a subscription mail links to: never cached and never leaking the token through Referer.
/// They are written in the subscriber's language (see <see cref="SubscriptionLanguageCultureProvider"/>).
/// </summary>
[IgnoreAntiforgeryToken]
public abstract class SubscriptionPageModel : PageModel
{
    [FromRoute(Name = "token")]
    public string Token { get; set; } = string.Empty;

    public SubscriptionSummary Subscription { get; protected set; } = null!;

    /// <summary>True after the button was pressed and the change made.</summary>
    public bool Done { get; protected set; }

    protected IActionResult Show(SubscriptionSummary? summary, bool done)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (summary is null)
        {
            return NotFound();
        }

        Subscription = summary;
        Done = done;
        return Page();
    }
}
