using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Newsletters;
using Gaceta.Site;
using Microsoft.Extensions.Options;

namespace Gaceta.Subscribers;

/// <summary>
/// A reader asks for a newsletter with an email and ticked consent: double opt-in. The subscription stays
/// pending, the consent is recorded, and the only mail sent is the confirmation.
/// </summary>
public static class RequestSubscription
{
    /// <param name="Email">The address as typed; it is normalized here.</param>
    /// <param name="Language">The page's language: the language of a new subscriber's mails.</param>
    /// <param name="GrantOnConfirm">What access the subscription gives once confirmed.</param>
    /// <param name="ConsentText">The exact text the reader agreed to.</param>
    /// <param name="PageUrl">Absolute address of the page the consent was given on.</param>
    /// <param name="IpHash">Keyed hash of the client's address.</param>
    /// <param name="Client">
    /// Partition key for the per-client mail limit. Null for a staff import, which has no reader client: its
    /// confirmation mails go out without the per-client limit or the per-address cooldown, one per subscription.
    /// </param>
    /// <param name="Existing">
    /// The subscriber the address belongs to, as <see cref="FindSubscriber"/> read them, or null for a new address.
    /// </param>
    /// <param name="AddressConfirmed">
    /// The subscriber proved the address just now (they are signed in by an emailed link): the subscription is
    /// active at once, its consent confirmed, and no mail is sent.
    /// </param>
    public sealed record Command(
        string Email,
        string Language,
        int NewsletterId,
        IReadOnlyDictionary<string, string> NewsletterNames,
        AccessGrant GrantOnConfirm,
        SubscriptionSource Source,
        int? SourcePollId,
        string ConsentText,
        int ConsentVersion,
        string PageUrl,
        string IpHash,
        string? Client,
        Subscriber? Existing,
        bool AddressConfirmed = false);

    public enum Outcome
    {
        /// <summary>A confirmation mail is on its way.</summary>
        ConfirmationSent,

        /// <summary>Recorded, but a confirmation mail went to this address or from this client very recently.</summary>
        ConfirmationThrottled,

        /// <summary>
        /// The address is already subscribed; the new consent is recorded and, for a reader, a mail tells the
        /// address so (what only its owner may know), within the same limits as a confirmation.
        /// </summary>
        AlreadySubscribed,

        /// <summary>Active at once, the address being already confirmed; nothing is sent.</summary>
        Subscribed,
    }

    /// <summary>
    /// Adds the subscription, its consent record and its confirmation mail to <paramref name="db"/>'s unit of work.
    /// Call inside a transaction: it saves once to learn the subscription's id.
    /// </summary>
    public sealed class Handler(
        GacetaDb db,
        SiteClock clock,
        SubscriptionTokens tokens,
        MailOutbox outbox,
        ISubscriptionMails mails,
        ConfirmationThrottle throttle,
        ConfirmationMailer confirmations,
        SuppressionList suppressions,
        IOptions<SubscriptionOptions> options)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var now = clock.UtcNow;
            var subscriber = command.Existing ?? db.Subscribers.Add(new Subscriber
            {
                Email = EmailAddress.Key(command.Email),
                Language = command.Language,
                CreatedAt = now,
            }).Entity;

            var subscription = subscriber.Subscriptions.Find(s => s.NewsletterId == command.NewsletterId);
            if (subscription is null)
            {
                subscription = new Subscription
                {
                    NewsletterId = command.NewsletterId,
                    Status = SubscriptionStatus.Pending,
                    Grant = command.GrantOnConfirm,
                    Source = command.Source,
                    SourcePollId = command.SourcePollId,
                    CreatedAt = now,
                };
                subscriber.Subscriptions.Add(subscription);
            }
            else if (subscription.Status == SubscriptionStatus.Unsubscribed)
            {
                // Coming back after leaving is a new opt-in, confirmed like the first.
                subscription.Status = SubscriptionStatus.Pending;
                subscription.Grant = command.GrantOnConfirm;
                subscription.Source = command.Source;
                subscription.SourcePollId = command.SourcePollId;
                subscription.ConfirmedAt = null;
                subscription.UnsubscribedAt = null;
            }

            subscription.ConsentRecords.Add(new ConsentRecord
            {
                GivenAt = now,
                Text = command.ConsentText,
                TextVersion = command.ConsentVersion,
                Language = command.Language,
                PageUrl = command.PageUrl,
                IpHash = command.IpHash,
                ConfirmedAt = subscription.Status == SubscriptionStatus.Active ? now : null,
            });

            if (subscription.Status == SubscriptionStatus.Active)
            {
                await db.SaveChangesAsync(cancellationToken);
                if (!command.AddressConfirmed && command.Client is not null && await MayMailAsync(subscriber, command.Client, now, cancellationToken))
                {
                    subscriber.LastConfirmationMailAt = now;
                    outbox.Enqueue(
                        mails.AlreadySubscribed(new AlreadySubscribedMail(subscriber.Email, subscriber.Language, command.NewsletterNames, tokens.Unsubscribe(subscription.Id))),
                        "already-subscribed");
                    await db.SaveChangesAsync(cancellationToken);
                }

                return Outcome.AlreadySubscribed;
            }

            if (command.AddressConfirmed)
            {
                subscription.Confirm(now);
                await db.SaveChangesAsync(cancellationToken);
                return Outcome.Subscribed;
            }

            // Written before anything is read: on SQLite the transaction then holds the write lock already.
            await db.SaveChangesAsync(cancellationToken);
            if (command.Client is not null ? !await MayMailAsync(subscriber, command.Client, now, cancellationToken)
                : await suppressions.ContainsAsync(db, subscriber.Email, cancellationToken))
            {
                return Outcome.ConfirmationThrottled;
            }

            confirmations.Queue(subscriber, subscription, command.NewsletterNames, now);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.ConfirmationSent;
        }

        /// <summary>
        /// Whether a reader's request may mail the address now: not suppressed, not mailed within the cooldown, and
        /// within the client's hourly allowance (which this takes from).
        /// </summary>
        private async Task<bool> MayMailAsync(Subscriber subscriber, string client, DateTime now, CancellationToken cancellationToken)
        {
            var cooldown = TimeSpan.FromMinutes(options.Value.ConfirmationCooldownMinutes);
            if (subscriber.LastConfirmationMailAt is { } last && now - last < cooldown)
            {
                return false;
            }

            return !await suppressions.ContainsAsync(db, subscriber.Email, cancellationToken) && await throttle.TryAcquireAsync(client, cancellationToken);
        }
    }
}
