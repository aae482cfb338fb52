using Gaceta.Data;
using Gaceta.Site;

namespace Gaceta.Subscribers;

/// <summary>Who a link signs in, when it is genuine, unused and not expired. Reads only.</summary>
public static class ReadSignInLink
{
    public sealed record Query(string? Token);

    public sealed class Handler(GacetaDb db, SiteClock clock, SubscriptionTokens tokens)
    {
        public Task<SignInLinkHolder?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var now = clock.UtcNow;
            return tokens.ReadSignIn(query.Token, now) is { } id ? SignInLinks.HolderAsync(db, id, now, cancellationToken) : Task.FromResult<SignInLinkHolder?>(null);
        }
    }
}
