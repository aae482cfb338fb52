using Gaceta.Subscribers;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Subscribers;

/// <summary>
/// The unsubscribe link and the RFC 8058 one-click endpoint in one address. GET shows a page with a button;
/// POST (from that button, or a mail provider's cookie-less <c>List-Unsubscribe=One-Click</c> in either form
/// encoding) unsubscribes at once and answers 200, never a redirect. Repeating it changes nothing more.
/// </summary>
public sealed class UnsubscribeModel(ReadSubscriptionByToken.Handler read, UnsubscribeByToken.Handler unsubscribe)
    : SubscriptionPageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        Show(await read.HandleAsync(new ReadSubscriptionByToken.Query(Token, ReadSubscriptionByToken.Purpose.Unsubscribe), cancellationToken), done: false);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        Show(await unsubscribe.HandleAsync(new UnsubscribeByToken.Command(Token), cancellationToken), done: true);
}
