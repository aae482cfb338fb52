using Gaceta.Data;
using Gaceta.Site;

namespace Gaceta.Subscribers;

/// <summary>What the page a confirmation or unsubscribe link opens shows. Reads only; null for a bad or expired token.</summary>
public static class ReadSubscriptionByToken
{
    /// <summary>Which of the two links in a subscription mail the token came from.</summary>
    public enum Purpose
    {
        Confirm,
        Unsubscribe,
    }

    public sealed record Query(string Token, Purpose Purpose);

    public sealed class Handler(GacetaDb db, SiteClock clock, SubscriptionTokens tokens)
    {
        public Task<SubscriptionSummary?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var id = query.Purpose == Purpose.Confirm
                ? tokens.ReadConfirm(query.Token, clock.UtcNow)
                : tokens.ReadUnsubscribe(query.Token, clock.UtcNow);
            return SubscriptionLinks.SummaryAsync(db, id, cancellationToken);
        }
    }
}
