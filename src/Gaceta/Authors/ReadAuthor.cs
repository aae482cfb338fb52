using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Authors;

/// <summary>A reader opens an author's page: who they are and what they wrote in this language.</summary>
public static class ReadAuthor
{
    public sealed record Query(string Language, string Slug, int Page = 1);

    public sealed record Model(int AuthorId, string Name, string Slug, string? Bio, Page<ArticleSummary> Articles);

    public sealed class Handler(GacetaDb db, SiteClock clock)
    {
        public async Task<Model?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var author = await db.Authors.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == query.Slug, cancellationToken);
            if (author is null)
            {
                return null;
            }

            var articles = await db.Articles
                .Visible(query.Language, clock.UtcNow)
                .Where(a => a.Story.Authors.Any(b => b.AuthorId == author.Id))
                .ToSummaryPageAsync(query.Language, query.Page, cancellationToken);
            return new Model(author.Id, author.Name, author.Slug, author.BioIn(query.Language), articles);
        }
    }
}
