using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Newsletters;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Subscribers;

/// <summary>
/// One emailed sign-in link. It works once, and only until it expires; the row says when it was asked for and
/// used, and goes with its subscriber.
/// </summary>
public sealed class SignInLink
{
    public long Id { get; set; }

    public int SubscriberId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>
/// Subscribers sign in without a password: they ask for a link by email, the link opens a page with a button,
/// and the button's POST signs them in. Asking never tells whether an address is known.
/// </summary>
public static class SubscriberSignIn
{
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

    /// <summary>The subscriber a valid, unused link names, as the page with the button shows them.</summary>
    /// <param name="SessionStamp">The subscriber's session stamp, which the sign-in cookie carries.</param>
    public sealed record LinkHolder(int SubscriberId, string Email, string Language, string? SessionStamp = null);

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
        /// <summary>Sends a sign-in link to <paramref name="email"/> when it belongs to a subscriber.</summary>
        /// <param name="client">Partition key of the per-client mail limit (the client's address).</param>
        public async Task<Outcome> RequestAsync(string? email, string? honeypot, string client, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(honeypot))
            {
                return Outcome.Spam;
            }

            if (!EmailAddress.TryCanonicalize(email, out var normalized))
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
            if (askedRecently || await suppressions.ContainsAsync(db, subscriber.Email, cancellationToken) || !throttle.TryAcquire(client))
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

        /// <summary>
        /// The language of the subscriber a genuine link was sent to, used or expired as it may be, so that even the
        /// page saying it no longer works speaks their language.
        /// </summary>
        public async Task<string?> LanguageOfAsync(string? token, CancellationToken cancellationToken)
        {
            var id = tokens.ReadSignIn(token, DateTime.MinValue);
            return id is null
                ? null
                : await db.SignInLinks.AsNoTracking().Where(l => l.Id == id)
                    .Join(db.Subscribers, l => l.SubscriberId, s => s.Id, (l, s) => s.Language)
                    .FirstOrDefaultAsync(cancellationToken);
        }

        /// <summary>Who a link signs in, when it is genuine, unused and not expired. Reads only.</summary>
        public Task<LinkHolder?> ReadAsync(string? token, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            return tokens.ReadSignIn(token, now) is { } id ? HolderAsync(id, now, cancellationToken) : Task.FromResult<LinkHolder?>(null);
        }

        /// <summary>
        /// Uses the link: of two presses of the same link, only one signs in. Null when the link is not genuine,
        /// used, or expired.
        /// </summary>
        public async Task<LinkHolder?> RedeemAsync(string? token, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            if (tokens.ReadSignIn(token, now) is not { } id || await HolderAsync(id, now, cancellationToken) is not { } holder)
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
            var fresh = NewStamp();
            await db.Subscribers.Where(s => s.Id == holder.SubscriberId && s.SessionStamp == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.SessionStamp, fresh), cancellationToken);
            var stamp = await db.Subscribers.Where(s => s.Id == holder.SubscriberId).Select(s => s.SessionStamp).FirstOrDefaultAsync(cancellationToken);
            return holder with { SessionStamp = stamp };
        }

        /// <summary>Whether a session cookie naming <paramref name="stamp"/> is still one of the subscriber's sessions.</summary>
        public Task<bool> IsSessionCurrentAsync(int subscriberId, string? stamp, CancellationToken cancellationToken) =>
            stamp is null
                ? Task.FromResult(false)
                : db.Subscribers.AnyAsync(s => s.Id == subscriberId && s.SessionStamp == stamp, cancellationToken);

        /// <summary>Signing out ends every session of the subscriber, on every browser: their stamp changes.</summary>
        public async Task EndSessionsAsync(int subscriberId, CancellationToken cancellationToken)
        {
            var fresh = NewStamp();
            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            await db.Subscribers.Where(s => s.Id == subscriberId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.SessionStamp, fresh), cancellationToken);
        }

        private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

        private Task<LinkHolder?> HolderAsync(long id, DateTime now, CancellationToken cancellationToken) =>
            db.SignInLinks.AsNoTracking()
                .Where(l => l.Id == id && l.UsedAt == null && l.ExpiresAt > now)
                .Join(db.Subscribers, l => l.SubscriberId, s => s.Id, (l, s) => new LinkHolder(s.Id, s.Email, s.Language))
                .FirstOrDefaultAsync(cancellationToken);
    }
}
