using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Newsletters;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Subscribers;

/// <summary>Sends a sign-in link to an address when it belongs to a subscriber. Asking never tells whether an address is known.</summary>
public static class RequestSignInLink
{
    /// <param name="Client">Partition key of the per-client mail limit (the client's address).</param>
    public sealed record Command(string? Email, string? Honeypot, string Client);

    public enum Outcome
    {
        /// <summary>A link is on its way.</summary>
        LinkSent,

        /// <summary>Nothing sent: the address is not a subscriber's. The reader is told the same as for a sent link.</summary>
        Unknown,

        /// <summary>Nothing sent: a link went to this address, or from this client, a short while ago.</summary>
        Throttled,

        /// <summary>Nothing sent: the honeypot was filled.</summary>
        Spam,

        /// <summary>The address is missing or malformed.</summary>
        Invalid,
    }

    public sealed class Handler(
        GacetaDb db,
        SiteClock clock,
        SubscriptionTokens tokens,
        MailOutbox outbox,
        ISubscriptionMails mails,
        ConfirmationThrottle throttle,
        SqliteWriteGate writeGate,
        SuppressionList suppressions,
        IOptions<SubscriptionOptions> options)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!string.IsNullOrEmpty(command.Honeypot))
            {
                return Outcome.Spam;
            }

            if (!EmailAddress.TryCanonicalize(command.Email, out var normalized))
            {
                return Outcome.Invalid;
            }

            var subscriber = await db.Subscribers.AsNoTracking()
                .Where(s => s.Email == normalized)
                .Select(s => new { s.Id, s.Email, s.Language })
                .FirstOrDefaultAsync(cancellationToken);
            if (subscriber is null)
            {
                return Outcome.Unknown;
            }

            var now = clock.UtcNow;
            var cooldown = now.AddMinutes(-options.Value.SignInCooldownMinutes);
            var askedRecently = await db.SignInLinks.AnyAsync(l => l.SubscriberId == subscriber.Id && l.CreatedAt > cooldown && l.UsedAt == null, cancellationToken);
            if (askedRecently || await suppressions.ContainsAsync(db, subscriber.Email, cancellationToken) || !await throttle.TryAcquireAsync(command.Client, cancellationToken))
            {
                return Outcome.Throttled;
            }

            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var link = db.SignInLinks.Add(new SignInLink
            {
                SubscriberId = subscriber.Id,
                CreatedAt = now,
                ExpiresAt = now.AddMinutes(options.Value.SignInLinkMinutes),
            }).Entity;
            await db.SaveChangesAsync(cancellationToken);
            outbox.Enqueue(
                mails.SignIn(new SignInMail(subscriber.Email, subscriber.Language, tokens.SignIn(link.Id, link.ExpiresAt), options.Value.SignInLinkMinutes)),
                "subscriber-sign-in");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.Notify();
            return Outcome.LinkSent;
        }
    }
}
