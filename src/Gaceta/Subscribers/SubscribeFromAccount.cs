using Gaceta.Data;
using Gaceta.Security;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// Subscribes a signed-in subscriber to a free newsletter, or takes up again a premium one they have a grant for;
/// active at once, with the consent recorded and confirmed. Having signed in by an emailed link, they have proved
/// the address, so subscribing here needs no second mail.
/// </summary>
public static class SubscribeFromAccount
{
    /// <param name="ConsentText">The words next to the box the subscriber ticked, in their language.</param>
    public sealed record Command(int SubscriberId, int NewsletterId, string ConsentText, string PageUrl, string ClientIp);

    public sealed class Handler(
        GacetaDb db,
        InstallationKeys keys,
        ReadSubscriberAccount.Handler accounts,
        FindSubscriber.Handler subscribers,
        RequestSubscription.Handler requests,
        SqliteWriteGate writeGate)
    {
        public async Task<SubscriberAccountOutcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var view = await accounts.HandleAsync(new ReadSubscriberAccount.Query(command.SubscriberId), cancellationToken);
            var state = view?.Newsletters.FirstOrDefault(n => n.Id == command.NewsletterId);
            if (view is null || state is null)
            {
                return SubscriberAccountOutcome.NotFound;
            }

            if (state.Receives)
            {
                return SubscriberAccountOutcome.Done;
            }

            if (!state.MaySubscribe)
            {
                return SubscriberAccountOutcome.NotAllowed;
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
            return SubscriberAccountOutcome.Done;
        }
    }
}
