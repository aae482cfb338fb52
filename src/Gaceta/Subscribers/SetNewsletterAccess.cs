using System.Globalization;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Mail;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// Gives a premium newsletter's access (<see cref="AccessGrant.Complimentary"/> or <see cref="AccessGrant.Paid"/>)
/// or takes it away (<see cref="AccessGrant.Free"/>). Access is not consent: a subscriber without a
/// subscription to the newsletter gets a pending one with the grant and a confirmation mail, and receives
/// nothing until they confirm. Each change is audited.
/// </summary>
public static class SetNewsletterAccess
{
    public sealed record Command(int SubscriberId, int NewsletterId, AccessGrant Grant, Actor Actor);

    public enum Outcome
    {
        /// <summary>The subscription's grant changed.</summary>
        Changed,

        /// <summary>The grant was already this (or there was nothing to take away).</summary>
        Unchanged,

        /// <summary>No subscription yet: one is waiting, with the grant, for the subscriber to confirm by the link just mailed.</summary>
        ConfirmationSent,

        NotFound,

        /// <summary>Access is given to premium newsletters only; free ones are open to all.</summary>
        NotPremium,
    }

    public sealed class Handler(GacetaDb db, AuditLog audit, RequestSubscription.Handler requests, MailOutboxSignal outbox, SqliteWriteGate writeGate)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (id, newsletterId, grant, actor) = command;
            ArgumentNullException.ThrowIfNull(actor);
            var newsletter = await db.Newsletters.AsNoTracking().FirstOrDefaultAsync(n => n.Id == newsletterId, cancellationToken);
            var subscriber = await db.Subscribers.Include(s => s.Subscriptions).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (newsletter is null || subscriber is null)
            {
                return Outcome.NotFound;
            }

            if (!newsletter.IsPremium)
            {
                return Outcome.NotPremium;
            }

            var subject = string.Create(CultureInfo.InvariantCulture, $"subscriber {id}: {newsletter.Key} {grant}");
            var subscription = subscriber.Subscriptions.Find(s => s.NewsletterId == newsletterId);
            if (subscription is not null || grant == AccessGrant.Free)
            {
                if (subscription is null || subscription.Grant == grant)
                {
                    return Outcome.Unchanged;
                }

                subscription.Grant = grant;
                audit.Add(actor, AuditActions.SubscriberAccessChanged, subject);
                using var saving = await writeGate.EnterAsync(db, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return Outcome.Changed;
            }

            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            await db.InTransactionAsync(
                async () =>
                {
                    await requests.HandleAsync(
                        new RequestSubscription.Command(
                            subscriber.Email,
                            subscriber.Language,
                            newsletter.Id,
                            newsletter.Names.ToDictionary(n => n.Language, n => n.Name),
                            grant,
                            SubscriptionSource.Staff,
                            null,
                            string.Create(CultureInfo.InvariantCulture, $"{grant} access given by {actor.Name}; the subscriber confirms by the emailed link."),
                            0,
                            string.Create(CultureInfo.InvariantCulture, $"staff:/admin/subscribers/{id}"),
                            string.Empty,
                            null,
                            subscriber),
                        cancellationToken);
                    audit.Add(actor, AuditActions.SubscriberAccessChanged, subject);
                    return await db.SaveChangesAsync(cancellationToken);
                },
                cancellationToken);
            outbox.Notify();
            return Outcome.ConfirmationSent;
        }
    }
}
