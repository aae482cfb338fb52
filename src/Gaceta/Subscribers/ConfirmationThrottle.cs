using Gaceta.Security;
using Microsoft.Extensions.Options;

namespace Gaceta.Subscribers;

/// <summary>
/// Limits how many confirmation and sign-in mails one client can cause, so the forms cannot be used to flood
/// strangers' inboxes: <see cref="SubscriptionOptions.ConfirmationsPerClientPerHour"/> in a sliding hour, counted
/// across every node when the host shares its limits.
/// </summary>
public sealed class ConfirmationThrottle(IOptions<SubscriptionOptions> options, IClientLimits limits)
{
    private readonly ClientLimit _limit = new("confirmation-mails", options.Value.ConfirmationsPerClientPerHour, TimeSpan.FromHours(1));

    public async ValueTask<bool> TryAcquireAsync(string client, CancellationToken cancellationToken) =>
        await limits.TryAcquireAsync(_limit, client, cancellationToken) is null;
}
