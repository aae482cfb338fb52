using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>The language of the subscriber a confirmation or unsubscribe token names, if it names one.</summary>
public static class ReadTokenLanguage
{
    public sealed record Query(string Token);

    public sealed class Handler(GacetaDb db, SiteClock clock, SubscriptionTokens tokens)
    {
        public async Task<string?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var now = clock.UtcNow;
            var id = tokens.ReadUnsubscribe(query.Token, now) ?? tokens.ReadConfirm(query.Token, now);
            return id is null
                ? null
                : await db.Subscriptions.Where(s => s.Id == id).Select(s => s.Subscriber.Language).FirstOrDefaultAsync(cancellationToken);
        }
    }
}
