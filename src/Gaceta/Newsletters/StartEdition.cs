using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>
/// Starts sending an edition: records one delivery per eligible recipient (an active, confirmed subscription with
/// the right grant), in the database, in one statement, before anything is sent. Only one caller can start an
/// edition; the others find it already sending.
/// </summary>
public static class StartEdition
{
    public enum Outcome
    {
        Started,
        NotFound,

        /// <summary>Already sending or sent, or overdue and not confirmed by staff.</summary>
        NotStartable,
    }

    public sealed record Result(Outcome Outcome, int Recipients);

    public sealed class Handler(GacetaDb db, SiteClock clock, AuditLog audit)
    {
        /// <param name="actor">The staff member starting it; null when the scheduler or an operator's command does.</param>
        /// <param name="includeOverdue">Staff confirmed an overdue edition should go out after all.</param>
        public async Task<Result> HandleAsync(int editionId, Actor? actor, bool includeOverdue, CancellationToken cancellationToken)
        {
            var edition = await db.Editions.AsNoTracking().Include(e => e.Newsletter).FirstOrDefaultAsync(e => e.Id == editionId, cancellationToken);
            if (edition is null)
            {
                return new Result(Outcome.NotFound, 0);
            }

            var now = clock.UtcNow;
            var startable = includeOverdue
                ? new[] { EditionStatus.Draft, EditionStatus.Scheduled, EditionStatus.Overdue }
                : [EditionStatus.Draft, EditionStatus.Scheduled];
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The status change is the claim: of two callers, one moves the edition on and the other finds nothing to move.
            var claimed = await db.Editions
                .Where(e => e.Id == editionId && startable.Contains(e.Status))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Sending).SetProperty(e => e.StartedAt, now).SetProperty(e => e.Version, e => e.Version + 1), cancellationToken);
            if (claimed == 0)
            {
                return new Result(Outcome.NotStartable, 0);
            }

            // Straight from subscriptions to deliveries inside the database: the list is never held in memory.
            var pending = nameof(DeliveryState.Pending);
            var active = nameof(Subscribers.SubscriptionStatus.Active);
            var paid = nameof(Subscribers.AccessGrant.Paid);
            var complimentary = nameof(Subscribers.AccessGrant.Complimentary);
            var recipients = edition.Newsletter.IsPremium
                ? await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO "Deliveries" ("EditionId", "SubscriptionId", "Email", "Language", "State", "Attempts", "NextAttemptAt")
                    SELECT {editionId}, s."Id", r."Email", r."Language", {pending}, 0, {now}
                    FROM "Subscriptions" s JOIN "Subscribers" r ON r."Id" = s."SubscriberId"
                    WHERE s."NewsletterId" = {edition.NewsletterId} AND s."Status" = {active} AND s."ConfirmedAt" IS NOT NULL
                      AND s."Grant" IN ({paid}, {complimentary})
                    """,
                    cancellationToken)
                : await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO "Deliveries" ("EditionId", "SubscriptionId", "Email", "Language", "State", "Attempts", "NextAttemptAt")
                    SELECT {editionId}, s."Id", r."Email", r."Language", {pending}, 0, {now}
                    FROM "Subscriptions" s JOIN "Subscribers" r ON r."Id" = s."SubscriberId"
                    WHERE s."NewsletterId" = {edition.NewsletterId} AND s."Status" = {active} AND s."ConfirmedAt" IS NOT NULL
                    """,
                    cancellationToken);
            await db.Editions.Where(e => e.Id == editionId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Recipients, recipients), cancellationToken);
            var subject = $"edition {editionId} ({recipients} recipients)";
            if (actor is null)
            {
                audit.AddSystem(AuditActions.EditionStarted, subject);
            }
            else
            {
                audit.Add(actor, AuditActions.EditionStarted, subject);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Result(Outcome.Started, recipients);
        }
    }
}
