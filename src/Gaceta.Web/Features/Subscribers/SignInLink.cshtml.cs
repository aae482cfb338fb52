using Gaceta.Site;
using Gaceta.Subscribers;
using Gaceta.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Subscribers;

/// <summary>
/// The emailed sign-in link. Opening it signs no one in (mail scanners open links too); the button's POST uses
/// the link, once, and signs the subscriber in. Never cached, and the token never leaves through Referer.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class SignInLinkModel(ReadSignInLink.Handler read, RedeemSignInLink.Handler redeem, IOptions<SiteOptions> site) : PageModel
{
    [FromRoute(Name = "token")]
    public string Token { get; set; } = string.Empty;

    /// <summary>Null when the link is not genuine, was used, or has expired.</summary>
    public SignInLinkHolder? Holder { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Private();
        Holder = await read.HandleAsync(new ReadSignInLink.Query(Token), cancellationToken);
        if (Holder is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Private();
        if (!Request.IsSameOrigin(site.Value))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Holder = await redeem.HandleAsync(new RedeemSignInLink.Command(Token), cancellationToken);
        if (Holder is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        await SubscriberArea.SignInAsync(HttpContext, Holder.SubscriberId, Holder.Language, Holder.SessionStamp ?? string.Empty);
        return SubscriberArea.SeeOther(Response, SubscriberArea.AccountPath);
    }

    private void Private()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
