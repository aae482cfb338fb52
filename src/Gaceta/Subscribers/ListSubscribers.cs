using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>Subscribers as the staff area lists them: filtered, newest first, a page at a time.</summary>
public static class ListSubscribers
{
    public const int PageSize = 50;

    public sealed record Query(SubscriberRows.Filter Filter);

    public sealed record Page(IReadOnlyList<SubscriberRows.Row> Rows, int Number, bool HasNext, int Total);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<Page> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var filter = query.Filter;
            ArgumentNullException.ThrowIfNull(filter);
            var subscribers = SubscriberRows.Filtered(db.Subscribers, filter);
            var total = await subscribers.CountAsync(cancellationToken);
            var number = Math.Clamp(filter.Page, 1, 100_000);
            var rows = await SubscriberRows.ToRows(subscribers.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Skip((number - 1) * PageSize).Take(PageSize + 1), cancellationToken);
            return new Page(rows.Take(PageSize).ToList(), number, rows.Count > PageSize, total);
        }
    }
}
