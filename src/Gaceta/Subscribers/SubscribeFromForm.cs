using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Security;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// A reader asks for a free newsletter from the public form: double opt-in as for polls. Only the confirmation
/// mail is sent until the address confirms; premium newsletters are reached by a grant, not this form.
/// </summary>
public static class SubscribeFromForm
{
    /// <param name="ConsentText">The exact words next to the box the reader ticked, in their language.</param>
    public sealed record Command(string Language, string? NewsletterKey, string? Email, bool Consent, string? Honeypot, string ConsentText, string PageUrl, string ClientIp);

    public enum Outcome
    {
        ConfirmationSent,
        ConfirmationThrottled,
        AlreadySubscribed,
        Invalid,

        /// <summary>The honeypot was filled: answered as if sent, nothing done.</summary>
        Spam,
    }

    /// <param name="Errors">Messages from <see cref="SubscribeErrors"/>.</param>
    public sealed record Result(Outcome Outcome, IReadOnlyList<string> Errors);

    public sealed class Handler(GacetaDb db, InstallationKeys keys, FindSubscriber.Handler subscribers, RequestSubscription.Handler subscriptions, MailOutboxSignal notifier, SqliteWriteGate writeGate)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!string.IsNullOrEmpty(command.Honeypot))
            {
                return new Result(Outcome.Spam, []);
            }

            var errors = new List<string>();
            var newsletter = command.NewsletterKey is null ? null
                : await db.Newsletters.AsNoTracking().FirstOrDefaultAsync(n => n.Key == command.NewsletterKey && !n.IsPremium, cancellationToken);
            if (newsletter is null)
            {
                errors.Add(SubscribeErrors.NewsletterUnknown);
            }

            var email = EmailAddress.Canonicalize(command.Email);
            if (string.IsNullOrWhiteSpace(command.Email))
            {
                errors.Add(SubscribeErrors.EmailRequired);
            }
            else if (email is null)
            {
                errors.Add(SubscribeErrors.EmailInvalid);
            }

            if (!command.Consent)
            {
                errors.Add(SubscribeErrors.ConsentRequired);
            }

            if (errors.Count > 0)
            {
                return new Result(Outcome.Invalid, errors);
            }

            var subscriber = await subscribers.HandleAsync(new FindSubscriber.Query(email!), cancellationToken);
            // Only writes from here on: on SQLite a transaction that read first could not take the write lock.
            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var outcome = await subscriptions.HandleAsync(
                new RequestSubscription.Command(
                    email!,
                    command.Language,
                    newsletter!.Id,
                    newsletter.Names.ToDictionary(n => n.Language, n => n.Name),
                    AccessGrant.Free,
                    SubscriptionSource.Form,
                    null,
                    command.ConsentText,
                    1,
                    command.PageUrl,
                    keys.Hash("client-ip", command.ClientIp),
                    command.ClientIp,
                    subscriber),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            notifier.Notify();

            return new Result(
                outcome switch
                {
                    RequestSubscription.Outcome.ConfirmationSent => Outcome.ConfirmationSent,
                    RequestSubscription.Outcome.AlreadySubscribed => Outcome.AlreadySubscribed,
                    _ => Outcome.ConfirmationThrottled,
                },
                []);
        }
    }

}

/// <summary>What the subscribe form says about bad input, in English; the page shows it in the reader's language.</summary>
public static class SubscribeErrors
{
    public const string NewsletterUnknown = "Choose one of the free newsletters on this page.";
    public const string EmailRequired = "Enter your email address.";
    public const string EmailInvalid = "Enter an email address like name@example.com.";
    public const string ConsentRequired = "Tick the box to say you want to receive this newsletter.";
}
