using Gaceta.Data;
using Gaceta.Mail;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// The subscriber an address belongs to, with their subscriptions, tracked for <see cref="RequestSubscription"/>
/// to change. Reads what exists. Call before the transaction, so that the transaction only writes.
/// </summary>
public static class FindSubscriber
{
    public sealed record Query(string Email);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<Subscriber?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            return await db.Subscribers
                .Include(s => s.Subscriptions)
                .FirstOrDefaultAsync(s => s.Email == EmailAddress.Key(query.Email), cancellationToken);
        }
    }
}
