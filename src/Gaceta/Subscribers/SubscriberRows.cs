using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// Subscribers as the staff area sees them, one row each with their subscriptions: what <see cref="ListSubscribers"/>,
/// <see cref="ExportSubscribers"/> and <see cref="ReadSubscriber"/> share.
/// </summary>
public static class SubscriberRows
{
    /// <param name="Search">Part of an address.</param>
    public sealed record Filter(string? Search, string? Newsletter, SubscriptionStatus? Status, string? Language, int Page = 1);

    public sealed record Row(int Id, string Email, string Language, DateTime CreatedAt, IReadOnlyList<SubscriptionView> Subscriptions);

    public sealed record SubscriptionView(string Newsletter, SubscriptionStatus Status, AccessGrant Grant, SubscriptionSource Source, DateTime CreatedAt, DateTime? ConfirmedAt, DateTime? UnsubscribedAt);

    internal static IQueryable<Subscriber> Filtered(IQueryable<Subscriber> subscribers, Filter filter)
    {
        var query = subscribers.AsNoTracking();
        if (filter.Search?.Trim().ToLowerInvariant() is { Length: > 0 } search)
        {
            query = query.Where(s => s.Email.Contains(search));
        }

        if (filter.Language is { Length: > 0 } language)
        {
            query = query.Where(s => s.Language == language);
        }

        if (filter.Newsletter is { Length: > 0 } || filter.Status is not null)
        {
            query = query.Where(s => s.Subscriptions.Any(x =>
                (filter.Newsletter == null || x.Newsletter.Key == filter.Newsletter) && (filter.Status == null || x.Status == filter.Status)));
        }

        return query;
    }

    internal static async Task<List<Row>> ToRows(IQueryable<Subscriber> query, CancellationToken cancellationToken) =>
        await query.Select(s => new Row(
                s.Id,
                s.Email,
                s.Language,
                s.CreatedAt,
                s.Subscriptions.Select(x => new SubscriptionView(x.Newsletter.Key, x.Status, x.Grant, x.Source, x.CreatedAt, x.ConfirmedAt, x.UnsubscribedAt)).ToList()))
            .ToListAsync(cancellationToken);
}
