using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>Whether a session cookie naming a stamp is still one of the subscriber's sessions.</summary>
public static class CheckSubscriberSession
{
    public sealed record Query(int SubscriberId, string? Stamp);

    public sealed class Handler(GacetaDb db)
    {
        public Task<bool> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            return query.Stamp is not { } stamp
                ? Task.FromResult(false)
                : db.Subscribers.AnyAsync(s => s.Id == query.SubscriberId && s.SessionStamp == stamp, cancellationToken);
        }
    }
}
