using System.Globalization;
using System.Net;
using System.Text;
using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Search;

/// <summary>
/// Full-text search over the published articles of one language, accent-insensitive and ranked, a page at a
/// time. The engines index in the database itself, so the index follows every publish, edit and unpublish:
/// SQLite keeps an FTS5 table (unicode61 tokenizer, diacritics removed) filled by triggers; PostgreSQL a
/// generated, weighted <c>tsvector</c> column (English or Spanish configuration by the article's language,
/// unaccented) under a GIN index. Visibility is checked at query time, so a draft, an unpublished or a
/// scheduled article is never found.
/// </summary>
public static class SearchArticles
{
    public const int PageSize = 10;

    /// <summary>Relevance is ranked among this many of the most recent matches.</summary>
    public const int RankWindow = 1000;

    /// <summary>Words beyond this many are ignored; so are words longer than <see cref="MaxTermLength"/>.</summary>
    public const int MaxTerms = 8;

    public const int MaxTermLength = 40;

    public sealed record Query(string Language, string? Text, int Page = 1);

    /// <param name="SnippetHtml">A short passage with the matched words in <c>&lt;mark&gt;</c>; everything else HTML-encoded.</param>
    public sealed record Hit(int ArticleId, int StoryId, string Headline, string Standfirst, string Path, DateTime PublishedAt, SectionLink Section, string SnippetHtml);

    /// <param name="Terms">The words searched for, as understood; empty when nothing searchable was given.</param>
    public sealed record Result(IReadOnlyList<string> Terms, IReadOnlyList<Hit> Hits, int Page, bool HasNext);

    /// <summary>One row of an engine's ranked matches; a higher score ranks first.</summary>
    public sealed class Ranked
    {
        public int Id { get; set; }

        public double Score { get; set; }
    }

    public sealed class Handler(GacetaDb db, SiteClock clock, ArticleBodyRenderer renderer, IOptions<DatabaseOptions> database)
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var terms = Terms(query.Text);
            var page = Math.Clamp(query.Page, 1, 1000);
            if (terms.Count == 0)
            {
                return new Result(terms, [], page, false);
            }

            var now = clock.UtcNow;
            var candidates = await CandidatesAsync(query.Language, terms, cancellationToken);
            var wanted = (page * PageSize) + 1;
            var visible = new List<int>();
            // Candidates in score order, checked for visibility a chunk at a time until the page is full.
            foreach (var chunk in candidates.OrderByDescending(c => c.Score).ThenByDescending(c => c.Id).Chunk(Math.Max(50, wanted * 2)))
            {
                var ids = chunk.Select(c => c.Id).ToList();
                // Looked up by primary key and judged here: given the visibility conditions, both engines' planners
                // would rather walk the language index through half the archive.
                var states = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
                    .Select(a => new { a.Id, a.Language, a.Status, a.PublishedAt })
                    .ToListAsync(cancellationToken);
                var set = states.Where(a => a.Language == query.Language && a.Status == ArticleStatus.Published && a.PublishedAt <= now)
                    .Select(a => a.Id).ToHashSet();
                foreach (var candidate in chunk.Where(c => set.Contains(c.Id)))
                {
                    visible.Add(candidate.Id);
                }

                if (visible.Count >= wanted)
                {
                    break;
                }
            }

            var pageIds = visible.Skip((page - 1) * PageSize).Take(PageSize).ToList();
            var loaded = await db.Articles.AsNoTracking()
                .Where(a => pageIds.Contains(a.Id))
                .Select(a => new
                {
                    a.Id,
                    a.StoryId,
                    a.Headline,
                    a.Standfirst,
                    a.Slug,
                    a.Body,
                    PublishedAt = a.PublishedAt!.Value,
                    a.Story.SectionId,
                    Section = a.Story.Section.Names.Where(n => n.Language == query.Language).Select(n => new { n.Name, n.Slug }).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            // In rank order; an article unpublished between the two reads is simply left out.
            var rows = pageIds.Select(id => loaded.Find(r => r.Id == id)).Where(r => r is not null).Select(r => r!).ToList();
            var hits = rows.Take(PageSize).Select(r => new Hit(
                    r.Id,
                    r.StoryId,
                    r.Headline,
                    r.Standfirst,
                    ArticlePaths.Article(query.Language, r.PublishedAt, r.Slug),
                    r.PublishedAt,
                    ReaderListings.SectionLinkFor(r.SectionId, query.Language, r.Section?.Name, r.Section?.Slug),
                    Snippet($"{r.Standfirst} {renderer.ToPlainText(r.Body)}", terms)))
                .ToList();
            return new Result(terms, hits, page, visible.Count > page * PageSize);
        }

        /// <summary>
        /// The newest <see cref="RankWindow"/> matches with their relevance. Ranking every match of a common word
        /// would cost time in proportion to the archive; news readers want recent stories anyway, so relevance is
        /// computed within the most recent matches (by article id, which grows with time).
        /// </summary>
        private async Task<List<Ranked>> CandidatesAsync(string language, IReadOnlyList<string> terms, CancellationToken cancellationToken)
        {
            if (database.Value.Provider == DatabaseProvider.Sqlite)
            {
                var match = SqliteMatch(terms);
                // FTS5 walks a term's rowids in either direction without ranking: the window's oldest row is cheap to find,
                // and a rowid range then limits bm25 to the window.
                var floor = await db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match} ORDER BY rowid DESC LIMIT 1 OFFSET {RankWindow - 1}""")
                    .ToListAsync(cancellationToken);
                var from = floor.Count == 0 ? 0 : floor[0];
                return await db.Database.SqlQuery<Ranked>($"""SELECT rowid AS "Id", -bm25("ArticleSearch", 10.0, 4.0, 1.0) AS "Score" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match} AND rowid >= {from}""")
                    .ToListAsync(cancellationToken);
            }

            // The planner walks the primary key backwards for a common word (reading each vector until the window is
            // full) and uses the GIN index for a rare one. Measured alternatives (a materialized GIN match set; slices
            // of the archive with index scans off) were not faster overall: see docs/performance.md.
            return await db.Database.SqlQuery<Ranked>($"""
                SELECT "Id", ts_rank_cd("SearchVector", query) AS "Score"
                FROM (SELECT a."Id", a."SearchVector", q AS query
                      FROM "Articles" a, plainto_tsquery(gaceta_search_config({language}), gaceta_unaccent({string.Join(' ', terms)})) AS q
                      WHERE a."Language" = {language} AND a."SearchVector" @@ q
                      ORDER BY a."Id" DESC
                      LIMIT {RankWindow}) AS recent
                """).ToListAsync(cancellationToken);
        }
    }

    /// <summary>The words of a query: letters and digits, lower case, at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC).Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                if (word.Length <= MaxTermLength && !words.Contains(word.ToString()))
                {
                    words.Add(word.ToString());
                }

                word.Clear();
            }
        }

        return words.Take(MaxTerms).ToList();
    }

    /// <summary>Folds case and accents the way both indexes do, so <c>política</c> and <c>POLITICA</c> compare equal.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Every term as a quoted FTS5 prefix query (<c>"politica"*</c>), all required: quoting keeps the reader's
    /// input from being read as FTS5 syntax.
    /// </summary>
    private static string SqliteMatch(IEnumerable<string> terms) => string.Join(' ', terms.Select(t => $"\"{t.Replace("\"", string.Empty, StringComparison.Ordinal)}\"*"));

    /// <summary>
    /// About thirty words around the first matched word, matched words marked. A word matches a term when, both
    /// folded, it starts with the term, or with the term less its last two letters for longer terms (close to
    /// what stemming finds: <c>puertos</c> for <c>puerto</c>, <c>elecciones</c> for <c>eleccion</c>).
    /// </summary>
    public static string Snippet(string text, IReadOnlyList<string> terms, int words = 30)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var folded = terms.Select(Fold).Select(t => t.Length > 5 ? t[..^2] : t).ToList();
        var all = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool Matches(string word)
        {
            var w = Fold(new string(word.Where(char.IsLetterOrDigit).ToArray()));
            return w.Length > 0 && folded.Exists(t => w.StartsWith(t, StringComparison.Ordinal));
        }

        var first = Array.FindIndex(all, Matches);
        var start = first < 0 ? 0 : Math.Max(0, first - (words / 3));
        var window = all.Skip(start).Take(words).ToList();
        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append("… ");
        }

        html.AppendJoin(' ', window.Select(w => Matches(w) ? $"<mark>{WebUtility.HtmlEncode(w)}</mark>" : WebUtility.HtmlEncode(w)));
        if (start + window.Count < all.Length)
        {
            html.Append(" …");
        }

        return html.ToString();
    }
}
