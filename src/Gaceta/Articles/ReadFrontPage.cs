using Gaceta.Data;
using Gaceta.Site;

namespace Gaceta.Articles;

/// <summary>A reader opens a language's front page: the newest story leads, the rest follow, a page at a time.</summary>
public static class ReadFrontPage
{
    public sealed record Query(string Language, int Page = 1);

    /// <summary>On the first page, <see cref="Lead"/> is the newest story and is not repeated in <see cref="Latest"/>.</summary>
    public sealed record Model(ArticleSummary? Lead, Page<ArticleSummary> Latest);

    public sealed class Handler(GacetaDb db, SiteClock clock)
    {
        public async Task<Model> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var page = await db.Articles
                .Visible(query.Language, clock.UtcNow)
                .ToSummaryPageAsync(query.Language, query.Page, cancellationToken);
            if (page.Number != 1 || page.Items.Count == 0)
            {
                return new Model(null, page);
            }

            return new Model(page.Items[0], page with { Items = page.Items.Skip(1).ToList() });
        }
    }
}
