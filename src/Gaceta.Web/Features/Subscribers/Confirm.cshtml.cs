using Gaceta.Site;
using Gaceta.Subscribers;
using Gaceta.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Subscribers;

/// <summary>
/// The confirmation link. Opening it changes nothing (mail scanners open links too); the button's POST confirms.
/// </summary>
public sealed class ConfirmModel(ManageSubscription.Handler subscriptions, IOptions<SiteOptions> site)
    : SubscriptionPageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        Show(await subscriptions.ReadForConfirmationAsync(Token, cancellationToken), done: false);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Request.IsSameOrigin(site.Value))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        return Show(await subscriptions.ConfirmAsync(Token, cancellationToken), done: true);
    }
}
