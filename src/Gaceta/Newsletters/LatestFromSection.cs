using Gaceta.Data;
using Gaceta.Site;

namespace Gaceta.Newsletters;

/// <summary>"Latest from section X": the section's stories published since the newsletter's last sent edition.</summary>
public static class LatestFromSection
{
    public sealed record Query(int NewsletterId, int SectionId);

    public sealed class Handler(GacetaDb db, SiteClock clock)
    {
        public Task<IReadOnlyList<int>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            return ComposeEdition.LatestFromSectionAsync(db, query.NewsletterId, query.SectionId, clock.UtcNow, cancellationToken);
        }
    }
}
