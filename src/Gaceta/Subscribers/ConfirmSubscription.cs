using Gaceta.Data;
using Gaceta.Site;

namespace Gaceta.Subscribers;

/// <summary>
/// Activates a pending subscription with the access it was asked with, and dates its consent records'
/// confirmation. A subscription that was left since the mail was sent stays left. Null for a bad or expired token.
/// </summary>
public static class ConfirmSubscription
{
    public sealed record Command(string Token);

    public sealed class Handler(GacetaDb db, SiteClock clock, SubscriptionTokens tokens)
    {
        public Task<SubscriptionSummary?> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            return SubscriptionLinks.ChangeAsync(db, clock, tokens.ReadConfirm(command.Token, clock.UtcNow), (s, now) => s.Confirm(now), cancellationToken);
        }
    }
}
