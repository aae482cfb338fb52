using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// Uses the link: of two presses of the same link, only one signs in. Null when the link is not genuine,
/// used, or expired.
/// </summary>
public static class RedeemSignInLink
{
    public sealed record Command(string? Token);

    public sealed class Handler(GacetaDb db, SiteClock clock, SubscriptionTokens tokens, SqliteWriteGate writeGate)
    {
        public async Task<SignInLinkHolder?> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var now = clock.UtcNow;
            if (tokens.ReadSignIn(command.Token, now) is not { } id || await SignInLinks.HolderAsync(db, id, now, cancellationToken) is not { } holder)
            {
                return null;
            }

            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            var used = await db.SignInLinks
                .Where(l => l.Id == id && l.UsedAt == null && l.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken);
            if (used != 1)
            {
                return null;
            }

            // The first sign-in gives the subscriber a stamp; later ones join the sessions it names.
            var fresh = SignInLinks.NewStamp();
            await db.Subscribers.Where(s => s.Id == holder.SubscriberId && s.SessionStamp == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.SessionStamp, fresh), cancellationToken);
            var stamp = await db.Subscribers.Where(s => s.Id == holder.SubscriberId).Select(s => s.SessionStamp).FirstOrDefaultAsync(cancellationToken);
            return holder with { SessionStamp = stamp };
        }
    }
}
