using Gaceta.Data;

namespace Gaceta.Articles;

/// <summary>A slug for a headline that no other story's article in the language has yet.</summary>
public static class SuggestSlug
{
    /// <param name="StoryId">The story being edited, whose own article may keep its slug; null for a new story.</param>
    public sealed record Query(string Language, string Headline, int? StoryId);

    public sealed class Handler(GacetaDb db)
    {
        public Task<string> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            return Slugs.UniqueAsync(
                Slugs.FromText(query.Headline),
                candidate => Slugs.IsTakenAsync(db.Articles, query.Language, candidate, query.StoryId, cancellationToken));
        }
    }
}
