using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>What the confirmation and unsubscribe pages show about the subscription a token names.</summary>
public sealed record SubscriptionSummary(int SubscriptionId, string Email, string Language, string NewsletterName, SubscriptionStatus Status);

/// <summary>
/// The two links in every subscription mail. Opening one (GET) only reads (<see cref="ReadSubscriptionByToken"/>);
/// the page's button (POST) acts (<see cref="ConfirmSubscription"/>, <see cref="UnsubscribeByToken"/>). Both actions
/// are idempotent, and a bad or expired token is simply not found.
/// </summary>
internal static class SubscriptionLinks
{
    /// <summary>
    /// Loads the subscription <paramref name="id"/> names with its consent records, applies <paramref name="change"/>
    /// at the clock's time, saves when it changed anything, and gives the summary; null when there is none.
    /// </summary>
    internal static async Task<SubscriptionSummary?> ChangeAsync(GacetaDb db, SiteClock clock, int? id, Func<Subscription, DateTime, bool> change, CancellationToken cancellationToken)
    {
        var subscription = id is null ? null : await db.Subscriptions.Include(s => s.ConsentRecords).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscription is null)
        {
            return null;
        }

        if (change(subscription, clock.UtcNow))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return await SummaryAsync(db, subscription.Id, cancellationToken);
    }

    internal static async Task<SubscriptionSummary?> SummaryAsync(GacetaDb db, int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return null;
        }

        var row = await db.Subscriptions
            .Where(s => s.Id == id)
            .Select(s => new { s.Id, s.Subscriber.Email, s.Subscriber.Language, s.Status, s.NewsletterId })
            .AsNoTracking()
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var newsletter = await db.Newsletters.AsNoTracking().FirstAsync(n => n.Id == row.NewsletterId, cancellationToken);
        var name = newsletter.NameIn(row.Language)?.Name ?? newsletter.Names.FirstOrDefault()?.Name ?? newsletter.Key;
        return new SubscriptionSummary(row.Id, row.Email, row.Language, name, row.Status);
    }
}
