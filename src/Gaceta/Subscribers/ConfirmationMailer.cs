using Gaceta.Mail;

namespace Gaceta.Subscribers;

/// <summary>
/// Adds the confirmation mail of a saved, pending subscription to the unit of work, and dates it on the subscriber.
/// The caller has decided it may be sent (limits, suppression).
/// </summary>
public sealed class ConfirmationMailer(MailOutbox outbox, ISubscriptionMails mails, SubscriptionTokens tokens)
{
    public void Queue(Subscriber subscriber, Subscription subscription, IReadOnlyDictionary<string, string> newsletterNames, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(subscription);
        subscriber.LastConfirmationMailAt = now;
        outbox.Enqueue(
            mails.Confirmation(new ConfirmationMail(
                subscriber.Email,
                subscriber.Language,
                newsletterNames,
                tokens.Confirm(subscription.Id, now),
                tokens.Unsubscribe(subscription.Id))),
            "confirm-subscription");
    }
}
