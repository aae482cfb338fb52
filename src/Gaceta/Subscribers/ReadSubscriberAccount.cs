using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// What a signed-in subscriber manages themselves: their language and their place on each newsletter. Null when
/// there is no such subscriber (erased since signing in).
/// </summary>
public static class ReadSubscriberAccount
{
    public sealed record Query(int SubscriberId);

    /// <param name="Status">Null when the subscriber never asked for this newsletter.</param>
    public sealed record NewsletterState(int Id, string Key, string Name, string? Description, bool Premium, SubscriptionStatus? Status, AccessGrant? Grant)
    {
        public bool Receives => Status == SubscriptionStatus.Active;

        /// <summary>Free newsletters are open to all; a premium one only with a paid or given grant.</summary>
        public bool MaySubscribe => !Receives && (!Premium || Grant is AccessGrant.Paid or AccessGrant.Complimentary);
    }

    public sealed record View(int Id, string Email, string Language, IReadOnlyList<NewsletterState> Newsletters);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<View?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var subscriber = await db.Subscribers.AsNoTracking().Include(s => s.Subscriptions)
                .FirstOrDefaultAsync(s => s.Id == query.SubscriberId, cancellationToken);
            if (subscriber is null)
            {
                return null;
            }

            var newsletters = await db.Newsletters.AsNoTracking().OrderBy(n => n.IsPremium).ThenBy(n => n.Key).ToListAsync(cancellationToken);
            var states = newsletters.Select(n =>
            {
                var name = n.NameIn(subscriber.Language) ?? n.Names.FirstOrDefault();
                var subscription = subscriber.Subscriptions.Find(s => s.NewsletterId == n.Id);
                return new NewsletterState(n.Id, n.Key, name?.Name ?? n.Key, name?.Description, n.IsPremium, subscription?.Status, subscription?.Grant);
            }).ToList();
            return new View(subscriber.Id, subscriber.Email, subscriber.Language, states);
        }
    }
}
