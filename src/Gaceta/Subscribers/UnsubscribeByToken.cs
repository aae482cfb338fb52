using Gaceta.Data;
using Gaceta.Site;

namespace Gaceta.Subscribers;

/// <summary>
/// Ends the subscription an unsubscribe link names at once and writes the withdrawal into its consent records.
/// Null for a bad or expired token.
/// </summary>
public static class UnsubscribeByToken
{
    public sealed record Command(string Token);

    public sealed class Handler(GacetaDb db, SiteClock clock, SubscriptionTokens tokens)
    {
        public Task<SubscriptionSummary?> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            return SubscriptionLinks.ChangeAsync(db, clock, tokens.ReadUnsubscribe(command.Token, clock.UtcNow), (s, now) => s.Unsubscribe(now), cancellationToken);
        }
    }
}
