using Gaceta.Articles;
using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Search;

/// <summary>
/// SQLite's index: an FTS5 table (unicode61 tokenizer, diacritics removed) over every article, filled by triggers;
/// visibility is judged when searching.
/// </summary>
public sealed class SqliteSearchIndex(GacetaDb db) : ISearchIndex
{
    private const string Published = nameof(ArticleStatus.Published);

    public IQueryable<SearchMatch> Ranked(string language, IReadOnlyList<string> terms, DateTime now, int skip, int take)
    {
        // FTS5 walks a term's rowids in either direction without ranking: the window's oldest row is cheap to
        // find, and a rowid range then limits bm25 to the window. The window covers every article in the index,
        // so visibility is judged on the window's rows, by primary key; CROSS JOIN keeps SQLite from driving the
        // join from the Articles side (ranking a row per visible article).
        var match = Match(terms);
        return db.Database.SqlQuery<SearchMatch>($"""
            SELECT w."Id", w."Score"
            FROM (SELECT rowid AS "Id", -bm25("ArticleSearch", 10.0, 4.0, 1.0) AS "Score"
                  FROM "ArticleSearch"
                  WHERE "ArticleSearch" MATCH {match}
                    AND rowid >= coalesce((SELECT rowid FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match}
                                           ORDER BY rowid DESC LIMIT 1 OFFSET {SearchArticles.RankWindow - 1}), 0)) AS w
            CROSS JOIN "Articles" AS a
            WHERE a."Id" = w."Id" AND a."Language" = {language} AND a."Status" = {Published} AND a."PublishedAt" <= {now}
            ORDER BY w."Score" DESC, w."Id" DESC
            LIMIT {take} OFFSET {skip}
            """);
    }

    public async Task<IQueryable<SearchMatch>?> OlderAsync(string language, IReadOnlyList<string> terms, DateTime now, int skip, int ranked, int take, CancellationToken cancellationToken)
    {
        // The window is the newest RankWindow matches in any language or state; older ones exist only when it is full.
        var match = Match(terms);
        var floors = await db.Database.SqlQuery<long>($"""SELECT rowid AS "Value" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match} ORDER BY rowid DESC LIMIT 1 OFFSET {SearchArticles.RankWindow - 1}""")
            .ToListAsync(cancellationToken);
        if (floors.Count == 0)
        {
            return null;
        }

        var floor = floors[0];
        var visible = ranked > 0 ? skip + ranked : await db.Database.SqlQuery<int>($"""
            SELECT count(*) AS "Value"
            FROM (SELECT rowid AS "Id" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match} AND rowid >= {floor}) AS w
            CROSS JOIN "Articles" AS a
            WHERE a."Id" = w."Id" AND a."Language" = {language} AND a."Status" = {Published} AND a."PublishedAt" <= {now}
            """).SingleAsync(cancellationToken);
        return db.Database.SqlQuery<SearchMatch>($"""
            SELECT o."Id", -1.0 AS "Score"
            FROM (SELECT rowid AS "Id" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {match} AND rowid < {floor}) AS o
            CROSS JOIN "Articles" AS a
            WHERE a."Id" = o."Id" AND a."Language" = {language} AND a."Status" = {Published} AND a."PublishedAt" <= {now}
            ORDER BY o."Id" DESC
            LIMIT {take} OFFSET {skip + ranked - visible}
            """);
    }

    /// <summary>
    /// Every term as a quoted FTS5 prefix query (<c>"politica"*</c>), all required: quoting keeps the reader's
    /// input from being read as FTS5 syntax.
    /// </summary>
    private static string Match(IEnumerable<string> terms) => string.Join(' ', terms.Select(t => $"\"{t.Replace("\"", string.Empty, StringComparison.Ordinal)}\"*"));
}
