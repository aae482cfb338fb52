using Gaceta.Data;
using Gaceta.Security;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// What a signed-in subscriber manages themselves: their language and their place on each newsletter. Having
/// signed in by an emailed link, they have proved the address, so subscribing here needs no second mail.
/// </summary>
public static class SubscriberAccount
{
    /// <param name="Status">Null when the subscriber never asked for this newsletter.</param>
    public sealed record NewsletterState(int Id, string Key, string Name, string? Description, bool Premium, SubscriptionStatus? Status, AccessGrant? Grant)
    {
        public bool Receives => Status == SubscriptionStatus.Active;

        /// <summary>Free newsletters are open to all; a premium one only with a paid or given grant.</summary>
        public bool MaySubscribe => !Receives && (!Premium || Grant is AccessGrant.Paid or AccessGrant.Complimentary);
    }

    public sealed record View(int Id, string Email, string Language, IReadOnlyList<NewsletterState> Newsletters);

    public enum Outcome
    {
        Done,

        /// <summary>No such subscriber (erased since signing in) or newsletter.</summary>
        NotFound,

        /// <summary>A premium newsletter without a grant, or a language the site does not have.</summary>
        NotAllowed,
    }

    /// <param name="ConsentText">The words next to the box the subscriber ticked, in their language.</param>
    public sealed record Subscribe(int SubscriberId, int NewsletterId, string ConsentText, string PageUrl, string ClientIp);

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages, InstallationKeys keys, FindSubscriber.Handler subscribers, RequestSubscription.Handler requests, SqliteWriteGate writeGate)
    {
        public async Task<View?> ReadAsync(int subscriberId, CancellationToken cancellationToken)
        {
            var subscriber = await db.Subscribers.AsNoTracking().Include(s => s.Subscriptions)
                .FirstOrDefaultAsync(s => s.Id == subscriberId, cancellationToken);
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

        public async Task<Outcome> SetLanguageAsync(int subscriberId, string language, CancellationToken cancellationToken)
        {
            if (languages.Find(language) is null)
            {
                return Outcome.NotAllowed;
            }

            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            var changed = await db.Subscribers.Where(s => s.Id == subscriberId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Language, language), cancellationToken);
            return changed == 1 ? Outcome.Done : Outcome.NotFound;
        }

        /// <summary>
        /// Subscribes to a free newsletter, or takes up again a premium one the subscriber has a grant for; active at
        /// once, with the consent recorded and confirmed.
        /// </summary>
        public async Task<Outcome> SubscribeAsync(Subscribe command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var view = await ReadAsync(command.SubscriberId, cancellationToken);
            var state = view?.Newsletters.FirstOrDefault(n => n.Id == command.NewsletterId);
            if (view is null || state is null)
            {
                return Outcome.NotFound;
            }

            if (state.Receives)
            {
                return Outcome.Done;
            }

            if (!state.MaySubscribe)
            {
                return Outcome.NotAllowed;
            }

            var newsletter = await db.Newsletters.AsNoTracking().FirstAsync(n => n.Id == command.NewsletterId, cancellationToken);
            var subscriber = await subscribers.HandleAsync(new FindSubscriber.Query(view.Email), cancellationToken);
            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await requests.HandleAsync(
                new RequestSubscription.Command(
                    view.Email,
                    view.Language,
                    newsletter.Id,
                    newsletter.Names.ToDictionary(n => n.Language, n => n.Name),
                    state.Grant ?? AccessGrant.Free,
                    SubscriptionSource.Form,
                    null,
                    command.ConsentText,
                    1,
                    command.PageUrl,
                    keys.Hash("client-ip", command.ClientIp),
                    command.ClientIp,
                    subscriber,
                    AddressConfirmed: true),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Outcome.Done;
        }

        /// <summary>Leaves a newsletter at once, as the unsubscribe link does. Leaving twice changes nothing more.</summary>
        public async Task<Outcome> UnsubscribeAsync(int subscriberId, int newsletterId, CancellationToken cancellationToken)
        {
            var subscription = await db.Subscriptions.Include(s => s.ConsentRecords)
                .FirstOrDefaultAsync(s => s.SubscriberId == subscriberId && s.NewsletterId == newsletterId, cancellationToken);
            if (subscription is null)
            {
                return Outcome.NotFound;
            }

            if (subscription.Unsubscribe(clock.UtcNow))
            {
                using var turn = await writeGate.EnterAsync(db, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            return Outcome.Done;
        }
    }
}
