using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>
/// "Latest from section X": the section's stories published since the newsletter's last sent edition (or the
/// last week), newest first, twenty at most.
/// </summary>
public static class LatestFromSection
{
    public const int Limit = 20;

    public sealed record Query(int NewsletterId, int SectionId);

    public sealed class Handler(GacetaDb db, SiteClock clock)
    {
        public async Task<IReadOnlyList<int>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var now = clock.UtcNow;
            var since = await db.Editions.Where(e => e.NewsletterId == query.NewsletterId && e.Status == EditionStatus.Sent).MaxAsync(e => e.StartedAt, cancellationToken)
                ?? now.AddDays(-7);
            return await db.Articles
                .VisibleAt(now)
                .Where(a => a.Story.SectionId == query.SectionId && a.PublishedAt > since)
                .GroupBy(a => a.StoryId)
                .Select(g => new { StoryId = g.Key, Latest = g.Max(a => a.PublishedAt) })
                .OrderByDescending(g => g.Latest)
                .Take(Limit)
                .Select(g => g.StoryId)
                .ToListAsync(cancellationToken);
        }
    }
}
