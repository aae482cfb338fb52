using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Media;

/// <summary>
/// The stories that show a library photo, as their lead image or placed in the text of any language, newest first,
/// each named by its headline in the staff member's language where it has one.
/// </summary>
public static class ListMediaUses
{
    public sealed record Query(int MediaId, string Language);

    public sealed record Use(int StoryId, string Language, string Headline);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<IReadOnlyList<Use>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var stories = await StoriesUsing(db, query.MediaId)
                .OrderByDescending(s => s.CreatedAt)
                .Select(s => new { s.Id, Articles = s.Articles.OrderBy(a => a.Id).Select(a => new { a.Language, a.Headline }).ToList() })
                .ToListAsync(cancellationToken);
            var uses = new List<Use>();
            foreach (var story in stories.Where(s => s.Articles.Count > 0))
            {
                var article = story.Articles.Find(a => a.Language == query.Language) ?? story.Articles[0];
                uses.Add(new Use(story.Id, article.Language, article.Headline));
            }

            return uses;
        }
    }

    /// <summary>The one rule for "this photo is in use": the lead image, or a marker in any language's text.</summary>
    internal static IQueryable<Articles.Story> StoriesUsing(GacetaDb db, int mediaId)
    {
        var marker = Articles.Embed.PhotoMarker(mediaId);
        return db.Stories.AsNoTracking().Where(s => s.LeadMediaId == mediaId || s.Articles.Any(a => a.Body.Contains(marker)));
    }
}
