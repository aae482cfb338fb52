using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>What the confirmation and unsubscribe pages show about the subscription a token names.</summary>
public sealed record SubscriptionSummary(int SubscriptionId, string Email, string Language, string NewsletterName, SubscriptionStatus Status);

/// <summary>
/// The two links in every subscription mail. Opening one (GET) only reads; the page's button (POST) acts.
/// Both actions are idempotent, and a bad or expired token is simply not found.
/// </summary>
public static class ManageSubscription
{
    public sealed class Handler(GacetaDb db, SiteClock clock, SubscriptionTokens tokens)
    {
        public Task<SubscriptionSummary?> ReadForConfirmationAsync(string token, CancellationToken cancellationToken) =>
            SummaryAsync(tokens.ReadConfirm(token, clock.UtcNow), cancellationToken);

        public Task<SubscriptionSummary?> ReadForUnsubscribeAsync(string token, CancellationToken cancellationToken) =>
            SummaryAsync(tokens.ReadUnsubscribe(token, clock.UtcNow), cancellationToken);

        /// <summary>The language of the subscriber a confirmation or unsubscribe token names, if it names one.</summary>
        public async Task<string?> LanguageOfAsync(string token, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var id = tokens.ReadUnsubscribe(token, now) ?? tokens.ReadConfirm(token, now);
            return id is null
                ? null
                : await db.Subscriptions.Where(s => s.Id == id).Select(s => s.Subscriber.Language).FirstOrDefaultAsync(cancellationToken);
        }

        /// <summary>
        /// Activates a pending subscription with the access it was asked with, and dates its consent records'
        /// confirmation. A subscription that was left since the mail was sent stays left.
        /// </summary>
        public async Task<SubscriptionSummary?> ConfirmAsync(string token, CancellationToken cancellationToken)
        {
            var subscription = await LoadAsync(tokens.ReadConfirm(token, clock.UtcNow), cancellationToken);
            if (subscription is null)
            {
                return null;
            }

            if (subscription.Confirm(clock.UtcNow))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return await SummaryAsync(subscription.Id, cancellationToken);
        }

        /// <summary>Ends the subscription at once and writes the withdrawal into its consent records.</summary>
        public async Task<SubscriptionSummary?> UnsubscribeAsync(string token, CancellationToken cancellationToken)
        {
            var subscription = await LoadAsync(tokens.ReadUnsubscribe(token, clock.UtcNow), cancellationToken);
            if (subscription is null)
            {
                return null;
            }

            if (subscription.Unsubscribe(clock.UtcNow))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return await SummaryAsync(subscription.Id, cancellationToken);
        }

        private async Task<Subscription?> LoadAsync(int? id, CancellationToken cancellationToken) =>
            id is null ? null : await db.Subscriptions.Include(s => s.ConsentRecords).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

        private async Task<SubscriptionSummary?> SummaryAsync(int? id, CancellationToken cancellationToken)
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
}
