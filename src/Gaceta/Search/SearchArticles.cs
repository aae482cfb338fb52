using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Search;

/// <summary>
/// Full-text search over the published articles of one language, accent-insensitive and ranked, a page at a
/// time. The engines index in the database itself, so the index follows every publish, edit and unpublish; each
/// engine's <see cref="ISearchIndex"/> finds and ranks the matches, and this use case turns them into a page.
/// Visibility is checked at query time, so a draft, an unpublished or a scheduled article is never found.
/// </summary>
public static class SearchArticles
{
    public const int PageSize = 10;

    /// <summary>
    /// Relevance is ranked among this many of the most recent matches; older matches of a word this common follow
    /// them, newest first. On PostgreSQL each ranked match costs one more read of its vector, so the window sets
    /// the price of a common word (docs/performance.md).
    /// </summary>
    public const int RankWindow = 500;

    /// <summary>Words beyond this many are ignored; so are words longer than <see cref="MaxTermLength"/>.</summary>
    public const int MaxTerms = 8;

    public const int MaxTermLength = 40;

    public sealed record Query(string Language, string? Text, int Page = 1);

    /// <param name="SnippetHtml">A short passage with the matched words in <c>&lt;mark&gt;</c>; everything else HTML-encoded.</param>
    public sealed record Hit(int ArticleId, int StoryId, string Headline, string Standfirst, string Path, DateTime PublishedAt, SectionLink Section, string SnippetHtml);

    /// <param name="Terms">The words searched for, as understood; empty when nothing searchable was given.</param>
    public sealed record Result(IReadOnlyList<string> Terms, IReadOnlyList<Hit> Hits, int Page, bool HasNext);

    private sealed record PageRow(int Id, int StoryId, string Headline, string Standfirst, string Slug, string Body, DateTime PublishedAt, int SectionId, string? SectionName, string? SectionSlug);

    public sealed class Handler(GacetaDb db, ISearchIndex index, SiteClock clock, ArticleBodyRenderer renderer)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var terms = SearchText.Terms(query.Text);
            var page = Math.Clamp(query.Page, 1, 1000);
            if (terms.Count == 0)
            {
                return new Result(terms, [], page, false);
            }

            // One query: the engine's ranked, visible matches for the page (one more than a page, to tell whether
            // another follows), joined with what the page shows of them.
            // One instant for the whole page, so the ranked and the older matches agree on what is published.
            var now = clock.UtcNow;
            var skip = (page - 1) * PageSize;
            var take = PageSize + 1;
            var rows = await RowsAsync(index.Ranked(query.Language, terms, now, skip, take), query.Language, cancellationToken);
            if (rows.Count < take && await index.OlderAsync(query.Language, terms, now, skip, rows.Count, take - rows.Count, cancellationToken) is { } older)
            {
                rows.AddRange(await RowsAsync(older, query.Language, cancellationToken));
            }

            var hits = rows.Take(PageSize).Select(r => new Hit(
                    r.Id,
                    r.StoryId,
                    r.Headline,
                    r.Standfirst,
                    ArticlePaths.Article(query.Language, r.PublishedAt, r.Slug),
                    r.PublishedAt,
                    ReaderListings.SectionLinkFor(r.SectionId, query.Language, r.SectionName, r.SectionSlug),
                    SearchText.Snippet($"{r.Standfirst} {renderer.ToPlainText(r.Body)}", terms)))
                .ToList();
            return new Result(terms, hits, page, rows.Count > PageSize);
        }

        /// <summary>What a results page shows of the matches <paramref name="matches"/> gives, in its order.</summary>
        private async Task<List<PageRow>> RowsAsync(IQueryable<SearchMatch> matches, string language, CancellationToken cancellationToken)
        {
            var rows = await (
                    from ranked in matches
                    join a in db.Articles on ranked.Id equals a.Id
                    select new
                    {
                        ranked.Score,
                        a.Id,
                        a.StoryId,
                        a.Headline,
                        a.Standfirst,
                        a.Slug,
                        a.Body,
                        PublishedAt = a.PublishedAt!.Value,
                        a.Story.SectionId,
                        Section = a.Story.Section.Names.Where(n => n.Language == language).Select(n => new { n.Name, n.Slug }).FirstOrDefault(),
                    })
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            return rows.OrderByDescending(r => r.Score).ThenByDescending(r => r.Id)
                .Select(r => new PageRow(r.Id, r.StoryId, r.Headline, r.Standfirst, r.Slug, r.Body, r.PublishedAt, r.SectionId, r.Section?.Name, r.Section?.Slug))
                .ToList();
        }
    }
}
