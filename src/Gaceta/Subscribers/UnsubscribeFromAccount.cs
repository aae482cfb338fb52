using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>A signed-in subscriber leaves a newsletter at once, as the unsubscribe link does. Leaving twice changes nothing more.</summary>
public static class UnsubscribeFromAccount
{
    public sealed record Command(int SubscriberId, int NewsletterId);

    public sealed class Handler(GacetaDb db, SiteClock clock, SqliteWriteGate writeGate)
    {
        public async Task<SubscriberAccountOutcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var subscription = await db.Subscriptions.Include(s => s.ConsentRecords)
                .FirstOrDefaultAsync(s => s.SubscriberId == command.SubscriberId && s.NewsletterId == command.NewsletterId, cancellationToken);
            if (subscription is null)
            {
                return SubscriberAccountOutcome.NotFound;
            }

            if (subscription.Unsubscribe(clock.UtcNow))
            {
                using var turn = await writeGate.EnterAsync(db, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            return SubscriberAccountOutcome.Done;
        }
    }
}
