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
/// SQLite keeps an FTS5 table (unicode61 tokenizer, diacritics removed) filled by triggers; PostgreSQL a narrow
/// table of the published articles with a weighted <c>tsvector</c> each (English or Spanish configuration by the
/// article's language, unaccented) under a GIN index, written by a trigger. Visibility is checked at query time,
/// so a draft, an unpublished or a scheduled article is never found.
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

            // One query: the engine's ranked, visible matches for the page (one more than a page, to tell whether
            // another follows), joined with what the page shows of them.
            // One instant for the whole page, so the ranked and the older matches agree on what is published.
            var now = clock.UtcNow;
            var skip = (page - 1) * PageSize;
            var take = PageSize + 1;
            var rows = await RowsAsync(RankedPage(query.Language, terms, now, skip, take), query.Language, cancellationToken);
            if (rows.Count < take)
            {
                rows.AddRange(await OlderAsync(query.Language, terms, now, skip, rows.Count, take - rows.Count, cancellationToken));
            }

            var hits = rows.Take(PageSize).Select(r => new Hit(
                    r.Id,
                    r.StoryId,
                    r.Headline,
                    r.Standfirst,
                    ArticlePaths.Article(query.Language, r.PublishedAt, r.Slug),
                    r.PublishedAt,
                    ReaderListings.SectionLinkFor(r.SectionId, query.Language, r.SectionName, r.SectionSlug),
                    Snippet($"{r.Standfirst} {renderer.ToPlainText(r.Body)}", terms)))
                .ToList();
            return new Result(terms, hits, page, rows.Count > PageSize);
        }

        /// <summary>What a results page shows of the matches <paramref name="matches"/> gives, in its order.</summary>
        private async Task<List<PageRow>> RowsAsync(IQueryable<Ranked> matches, string language, CancellationToken cancellationToken)
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

        /// <summary>
        /// Past the ranked window the results go on with the older matches, newest first, so that every match can
        /// be reached. <paramref name="ranked"/> rows of the page came from the window; when none did, the window's
        /// size is counted to know where the older matches start.
        /// </summary>
        private async Task<List<PageRow>> OlderAsync(string language, IReadOnlyList<string> terms, DateTime now, int skip, int ranked, int take, CancellationToken cancellationToken)
        {
            const string published = nameof(ArticleStatus.Published);
            if (database.Value.Provider == DatabaseProvider.Sqlite)
            {
                // The window is the newest RankWindow matches in any language or state; older ones exist only when it is full.
                var match = SqliteMatch(terms);
                var floors = await db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match} ORDER BY rowid DESC LIMIT 1 OFFSET {RankWindow - 1}""")
                    .ToListAsync(cancellationToken);
                if (floors.Count == 0)
                {
                    return [];
                }

                var floor = floors[0];
                var visible = ranked > 0 ? skip + ranked : await db.Database.SqlQuery<int>($"""
                    SELECT count(*) AS "Value"
                    FROM (SELECT rowid AS "Id" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match} AND rowid >= {floor}) AS w
                    CROSS JOIN "Articles" AS a
                    WHERE a."Id" = w."Id" AND a."Language" = {language} AND a."Status" = {published} AND a."PublishedAt" <= {now}
                    """).SingleAsync(cancellationToken);
                return await RowsAsync(db.Database.SqlQuery<Ranked>($"""
                    SELECT o."Id", -1.0 AS "Score"
                    FROM (SELECT rowid AS "Id" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match} AND rowid < {floor}) AS o
                    CROSS JOIN "Articles" AS a
                    WHERE a."Id" = o."Id" AND a."Language" = {language} AND a."Status" = {published} AND a."PublishedAt" <= {now}
                    ORDER BY o."Id" DESC
                    LIMIT {take} OFFSET {skip + ranked - visible}
                    """), language, cancellationToken);
            }

            // The window holds visible matches only: it is full when it ends at RankWindow, and the older matches are
            // the ones after it in the same newest-first order.
            var windowSize = ranked > 0 || skip == 0 ? skip + ranked : await db.Database.SqlQuery<int>($"""
                SELECT count(*)::int AS "Value"
                FROM (SELECT s."ArticleId"
                      FROM "ArticleSearch" s, plainto_tsquery(gaceta_search_config({language}), gaceta_unaccent({string.Join(' ', terms)})) AS q
                      WHERE s."Language" = {language} AND s."PublishedAt" <= {now} AND s."Vector" @@ q
                      ORDER BY s."ArticleId" + 0 DESC
                      LIMIT {RankWindow}) AS recent
                """).SingleAsync(cancellationToken);
            if (windowSize < RankWindow)
            {
                return [];
            }

            return await RowsAsync(db.Database.SqlQuery<Ranked>($"""
                SELECT s."ArticleId" AS "Id", -1.0::float8 AS "Score"
                FROM "ArticleSearch" s, plainto_tsquery(gaceta_search_config({language}), gaceta_unaccent({string.Join(' ', terms)})) AS q
                WHERE s."Language" = {language} AND s."PublishedAt" <= {now} AND s."Vector" @@ q
                ORDER BY s."ArticleId" + 0 DESC
                LIMIT {take} OFFSET {skip + ranked}
                """), language, cancellationToken);
        }

        /// <summary>
        /// Ranked matches that readers can see, best first, <paramref name="take"/> of them after <paramref name="skip"/>.
        /// Ranking every match of a common word would cost time in proportion to the archive; news readers want
        /// recent stories anyway, so relevance is computed within the newest <see cref="RankWindow"/> matches (by
        /// article id, which grows with time).
        /// </summary>
        private IQueryable<Ranked> RankedPage(string language, IReadOnlyList<string> terms, DateTime now, int skip, int take)
        {
            const string published = nameof(ArticleStatus.Published);
            if (database.Value.Provider == DatabaseProvider.Sqlite)
            {
                // FTS5 walks a term's rowids in either direction without ranking: the window's oldest row is cheap to
                // find, and a rowid range then limits bm25 to the window. The window covers every article in the
                // index, so visibility is judged on the window's rows, by primary key; CROSS JOIN keeps SQLite from
                // driving the join from the Articles side (ranking a row per visible article).
                var match = SqliteMatch(terms);
                return db.Database.SqlQuery<Ranked>($"""
                    SELECT w."Id", w."Score"
                    FROM (SELECT rowid AS "Id", -bm25("ArticleSearch", 10.0, 4.0, 1.0) AS "Score"
                          FROM "ArticleSearch"
                          WHERE "ArticleSearch" MATCH {match}
                            AND rowid >= coalesce((SELECT rowid FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match}
                                                   ORDER BY rowid DESC LIMIT 1 OFFSET {RankWindow - 1}), 0)) AS w
                    CROSS JOIN "Articles" AS a
                    WHERE a."Id" = w."Id" AND a."Language" = {language} AND a."Status" = {published} AND a."PublishedAt" <= {now}
                    ORDER BY w."Score" DESC, w."Id" DESC
                    LIMIT {take} OFFSET {skip}
                    """);
            }

            // ArticleSearch holds published articles only, in narrow rows, so the GIN index's matches are read
            // cheaply and visibility needs no join. "+ 0" keeps the planner off the primary key: walking it
            // backwards looks cheap for a common word, but it reads (detoasts) the vector of every row it passes,
            // while the GIN index answers without reading any. Only the window's vectors are read, to rank.
            return db.Database.SqlQuery<Ranked>($"""
                SELECT "ArticleId" AS "Id", ts_rank_cd("Vector", query) AS "Score"
                FROM (SELECT s."ArticleId", s."Vector", q AS query
                      FROM "ArticleSearch" s, plainto_tsquery(gaceta_search_config({language}), gaceta_unaccent({string.Join(' ', terms)})) AS q
                      WHERE s."Language" = {language} AND s."PublishedAt" <= {now} AND s."Vector" @@ q
                      ORDER BY s."ArticleId" + 0 DESC
                      LIMIT {RankWindow}) AS recent
                ORDER BY "Score" DESC, "Id" DESC
                LIMIT {take} OFFSET {skip}
                """);
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
            Span<char> letters = stackalloc char[Math.Min(word.Length, 64)];
            var length = 0;
            var ascii = true;
            foreach (var c in word.AsSpan(0, Math.Min(word.Length, 64)))
            {
                if (char.IsLetterOrDigit(c))
                {
                    letters[length++] = char.ToLowerInvariant(c);
                    ascii &= char.IsAscii(c);
                }
            }

            // Most words are plain ASCII, which folding leaves as they are once lower-cased.
            ReadOnlySpan<char> w = ascii ? letters[..length] : Fold(new string(letters[..length]));
            foreach (var term in folded)
            {
                if (w.StartsWith(term, StringComparison.Ordinal))
                {
                    return w.Length > 0;
                }
            }

            return false;
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
