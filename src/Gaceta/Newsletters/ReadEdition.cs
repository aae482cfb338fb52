using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>One edition as staff see it: its subject in their language, its schedule, what it holds, and its progress.</summary>
public static class ReadEdition
{
    public sealed record Query(int EditionId, string Language);

    /// <param name="Subject">The subject in the asked language, else the first there is.</param>
    public sealed record Model(
        int Id,
        int Version,
        int NewsletterId,
        EditionStatus Status,
        string Subject,
        DateTime? ScheduledAt,
        IReadOnlyList<int> StoryIds,
        IReadOnlyDictionary<string, ComposeEdition.Text> Texts,
        EditionProgress Progress);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<Model?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var edition = await db.Editions.AsNoTracking().Include(e => e.Stories).FirstOrDefaultAsync(e => e.Id == query.EditionId, cancellationToken);
            if (edition is null)
            {
                return null;
            }

            return new Model(
                edition.Id,
                edition.Version,
                edition.NewsletterId,
                edition.Status,
                (edition.TextIn(query.Language) ?? edition.Texts.FirstOrDefault())?.Subject ?? string.Empty,
                edition.ScheduledAt,
                edition.Stories.OrderBy(s => s.Position).Select(s => s.StoryId).ToList(),
                edition.Texts.ToDictionary(t => t.Language, t => new ComposeEdition.Text(t.Subject, t.Intro)),
                await EditionSender.ProgressAsync(db, edition.Id, cancellationToken));
        }
    }
}
