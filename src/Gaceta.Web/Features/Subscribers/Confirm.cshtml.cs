using Gaceta.Site;
using Gaceta.Subscribers;
using Gaceta.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Subscribers;

/// <summary>
/// The confirmation link. Opening it changes nothing (mail scanners open links too); the button's POST confirms.
/// </summary>
public sealed class ConfirmModel(ReadSubscriptionByToken.Handler read, ConfirmSubscription.Handler confirm, IOptions<SiteOptions> site)
    : SubscriptionPageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        Show(await read.HandleAsync(new ReadSubscriptionByToken.Query(Token, ReadSubscriptionByToken.Purpose.Confirm), cancellationToken), done: false);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Request.IsSameOrigin(site.Value))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        return Show(await confirm.HandleAsync(new ConfirmSubscription.Command(Token), cancellationToken), done: true);
    }
}
