using Gaceta.Data;

namespace Gaceta.Subscribers;

/// <summary>One subscriber as the staff area shows them, with their subscriptions; null when there is no such row.</summary>
public static class ReadSubscriber
{
    public sealed record Query(int SubscriberId);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<SubscriberRows.Row?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            return (await SubscriberRows.ToRows(db.Subscribers.Where(s => s.Id == query.SubscriberId), cancellationToken)).FirstOrDefault();
        }
    }
}
