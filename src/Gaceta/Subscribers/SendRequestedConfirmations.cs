using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Newsletters;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// Writes and queues the confirmation mails an import asked for (<see cref="Subscription.ConfirmationRequestedAt"/>),
/// in each subscriber's language, a batch at a time. A request is claimed by clearing it with a conditional update
/// before its mail is queued in the same transaction, so two nodes never both mail it; a subscription confirmed,
/// left or suppressed since is not mailed.
/// </summary>
public static class SendRequestedConfirmations
{
    public const int BatchSize = 200;

    /// <returns>How many confirmation mails were queued.</returns>
    public sealed class Handler(GacetaDb db, ConfirmationMailer confirmations, SuppressionList suppressions, SiteClock clock, MailOutbox outbox)
    {
        public async Task<int> HandleAsync(CancellationToken cancellationToken)
        {
            var ids = await db.Subscriptions.AsNoTracking().Where(s => s.ConfirmationRequestedAt != null)
                .OrderBy(s => s.ConfirmationRequestedAt).Take(BatchSize).Select(s => s.Id).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return 0;
            }

            var queued = 0;
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var now = clock.UtcNow;
                foreach (var id in ids)
                {
                    var claimed = await db.Subscriptions.Where(s => s.Id == id && s.ConfirmationRequestedAt != null)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationRequestedAt, (DateTime?)null), cancellationToken);
                    var subscription = claimed == 1
                        ? await db.Subscriptions.Include(s => s.Subscriber).Include(s => s.Newsletter).FirstAsync(s => s.Id == id, cancellationToken)
                        : null;
                    if (subscription is not { Status: SubscriptionStatus.Pending } || await suppressions.ContainsAsync(db, subscription.Subscriber.Email, cancellationToken))
                    {
                        continue;
                    }

                    confirmations.Queue(subscription.Subscriber, subscription, subscription.Newsletter.Names.ToDictionary(n => n.Language, n => n.Name), now);
                    queued++;
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            outbox.Notify();
            return queued;
        }
    }
}
