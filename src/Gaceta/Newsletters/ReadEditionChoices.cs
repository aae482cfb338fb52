using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Polls;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>
/// What the edition form offers: the newsletters, the sections for "latest from", and recent published stories,
/// headline in the staff member's language where there is one, those already chosen first.
/// </summary>
public static class ReadEditionChoices
{
    public sealed record Query(string Language, IReadOnlyCollection<int> ChosenStoryIds);

    public sealed record Model(
        IReadOnlyList<ReadPollNewsletterChoices.Choice> Newsletters,
        IReadOnlyList<ReadStoryChoices.Choice> Sections,
        IReadOnlyList<(int Id, string Headline)> Stories);

    public sealed class Handler(GacetaDb db, SiteClock clock, ReadPollNewsletterChoices.Handler newsletterChoices, ReadStoryChoices.Handler storyChoices)
    {
        public async Task<Model> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var newsletters = await newsletterChoices.HandleAsync(new ReadPollNewsletterChoices.Query(query.Language), cancellationToken);
            var sections = (await storyChoices.HandleAsync(new ReadStoryChoices.Query(query.Language), cancellationToken)).Sections;
            var now = clock.UtcNow;
            var recent = await db.Articles.AsNoTracking()
                .VisibleAt(now)
                .OrderByDescending(a => a.PublishedAt)
                .Select(a => new { a.StoryId, a.Language, a.Headline })
                .Take(200)
                .ToListAsync(cancellationToken);
            var chosen = query.ChosenStoryIds.ToHashSet();
            var stories = recent.GroupBy(a => a.StoryId)
                .Select(g => (g.Key, (g.FirstOrDefault(a => a.Language == query.Language) ?? g.First()).Headline))
                .Concat(chosen.Except(recent.Select(a => a.StoryId)).Select(id => (id, $"#{id}")))
                .OrderByDescending(s => chosen.Contains(s.Item1))
                .ToList();
            return new Model(newsletters, sections, stories);
        }
    }
}
