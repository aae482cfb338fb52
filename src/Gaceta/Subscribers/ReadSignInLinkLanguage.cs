using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// The language of the subscriber a genuine link was sent to, used or expired as it may be, so that even the
/// page saying it no longer works speaks their language.
/// </summary>
public static class ReadSignInLinkLanguage
{
    public sealed record Query(string? Token);

    public sealed class Handler(GacetaDb db, SubscriptionTokens tokens)
    {
        public async Task<string?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var id = tokens.ReadSignIn(query.Token, DateTime.MinValue);
            return id is null
                ? null
                : await db.SignInLinks.AsNoTracking().Where(l => l.Id == id)
                    .Join(db.Subscribers, l => l.SubscriberId, s => s.Id, (l, s) => s.Language)
                    .FirstOrDefaultAsync(cancellationToken);
        }
    }
}
