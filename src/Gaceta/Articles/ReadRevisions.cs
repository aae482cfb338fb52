using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Articles;

/// <summary>An article's revisions, newest first, and the diff between two of them.</summary>
public static class ReadRevisions
{
    /// <param name="From">The older revision of the diff; the one before <paramref name="To"/> when null.</param>
    /// <param name="To">The newer revision of the diff; the newest when null.</param>
    public sealed record Query(int StoryId, string Language, int? From, int? To);

    public sealed record Summary(int Number, DateTime SavedAt, string SavedBy, string Headline);

    public sealed record Model(int StoryId, string Language, string Headline, IReadOnlyList<Summary> Revisions, int? From, int? To, IReadOnlyList<DiffLine> Diff);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<Model?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var article = await db.Articles.AsNoTracking()
                .Where(a => a.StoryId == query.StoryId && a.Language == query.Language)
                .Select(a => new { a.Id, a.Headline, a.Revision })
                .FirstOrDefaultAsync(cancellationToken);
            if (article is null)
            {
                return null;
            }

            var revisions = await db.ArticleRevisions.AsNoTracking()
                .Where(r => r.ArticleId == article.Id)
                .OrderByDescending(r => r.Number)
                .Select(r => new Summary(r.Number, r.SavedAt, r.SavedByName, r.Headline))
                .ToListAsync(cancellationToken);

            var to = query.To ?? article.Revision;
            var from = query.From ?? to - 1;
            var pair = await db.ArticleRevisions.AsNoTracking()
                .Where(r => r.ArticleId == article.Id && (r.Number == from || r.Number == to))
                .ToListAsync(cancellationToken);
            var older = pair.Find(r => r.Number == from);
            var newer = pair.Find(r => r.Number == to);
            var diff = newer is null ? [] : TextDiff.Lines(ReadStoryEditor.RevisionText(older), ReadStoryEditor.RevisionText(newer));
            return new Model(query.StoryId, query.Language, article.Headline, revisions, older?.Number, newer?.Number, diff);
        }
    }
}
