using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Security;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Subscribers;

/// <summary>
/// Erases a subscriber (GDPR art. 17): the address, subscriptions, consent records and mails go; their votes stay
/// counted but lose the address hash. What stays is the bare fact of each subscription and its withdrawal, with
/// dates and no identity (<see cref="ErasedSubscription"/>), and an audit entry naming the row id only.
/// </summary>
public static class EraseSubscriber
{
    public sealed record Command(int SubscriberId, Actor Actor);

    public sealed class Handler(GacetaDb db, InstallationKeys keys, SiteClock clock, AuditLog audit, IOptions<MailOptions> mailOptions)
    {
        /// <returns>False when there is no such subscriber.</returns>
        public async Task<bool> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var id = command.SubscriberId;
            var subscriber = await db.Subscribers.Include(s => s.Subscriptions).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (subscriber is null)
            {
                return false;
            }

            var now = clock.UtcNow;
            var hash = keys.Hash("vote-email", subscriber.Email);
            var subscriptionIds = subscriber.Subscriptions.Select(s => s.Id).ToList();
            await db.InTransactionAsync(
                async () =>
                {
                    db.ErasedSubscriptions.AddRange(subscriber.Subscriptions.Select(s => new ErasedSubscription
                    {
                        NewsletterId = s.NewsletterId,
                        SubscribedAt = s.CreatedAt,
                        WithdrawnAt = s.UnsubscribedAt ?? now,
                        ErasedAt = now,
                    }));
                    audit.Add(command.Actor, AuditActions.SubscriberErased, $"subscriber {id}");
                    await db.SaveChangesAsync(cancellationToken);

                    // Consent records are otherwise append-only (GacetaDb refuses to delete them); erasure is the one
                    // lawful exception, so it deletes them in the database directly, past that guard.
                    await db.ConsentRecords.Where(c => subscriptionIds.Contains(c.SubscriptionId)).ExecuteDeleteAsync(cancellationToken);
                    await db.Subscriptions.Where(s => s.SubscriberId == id).ExecuteDeleteAsync(cancellationToken);
                    await db.OutboundMails.Where(m => m.Recipient == subscriber.Email).ExecuteDeleteAsync(cancellationToken);
                    await db.Votes.Where(v => v.EmailHash == hash).ExecuteUpdateAsync(s => s.SetProperty(v => v.EmailHash, (string?)null), cancellationToken);
                    return await db.Subscribers.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
                },
                cancellationToken);
            // Without a relay, the mails sent to the address are files on disk: they go too.
            PickupDirectoryMailTransport.Forget(mailOptions.Value, subscriber.Email);
            return true;
        }
    }
}
