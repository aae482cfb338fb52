using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Newsletters;

/// <summary>
/// Finds the editions that need a sender: scheduled ones whose time has come (started here) and ones already
/// sending. A scheduled edition found later than <see cref="SendingOptions.OverdueAfterHours"/> (the host was down)
/// is not sent: it is marked overdue for staff to send or drop.
/// </summary>
public static class DueEditions
{
    public sealed class Handler(GacetaDb db, SiteClock clock, StartEdition.Handler start, IOptions<SendingOptions> options)
    {
        /// <returns>Ids of the editions now sending.</returns>
        public async Task<IReadOnlyList<int>> HandleAsync(CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var overdueBefore = now.AddHours(-options.Value.OverdueAfterHours);
            await db.Editions
                .Where(e => e.Status == EditionStatus.Scheduled && e.ScheduledAt < overdueBefore)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Overdue).SetProperty(e => e.Version, e => e.Version + 1), cancellationToken);

            var due = await db.Editions
                .Where(e => e.Status == EditionStatus.Scheduled && e.ScheduledAt <= now)
                .Select(e => e.Id)
                .ToListAsync(cancellationToken);
            foreach (var id in due)
            {
                await start.HandleAsync(id, null, includeOverdue: false, cancellationToken);
            }

            return await db.Editions.Where(e => e.Status == EditionStatus.Sending).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
        }
    }
}
