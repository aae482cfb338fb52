using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Search;

/// <summary>
/// PostgreSQL's index: a narrow table of the published articles with a weighted <c>tsvector</c> each (English or
/// Spanish configuration by the article's language, unaccented) under a GIN index, written by a trigger.
/// </summary>
public sealed class PostgresSearchIndex(GacetaDb db) : ISearchIndex
{
    public IQueryable<SearchMatch> Ranked(string language, IReadOnlyList<string> terms, DateTime now, int skip, int take) =>
        // ArticleSearch holds published articles only, in narrow rows, so the GIN index's matches are read
        // cheaply and visibility needs no join. "+ 0" keeps the planner off the primary key: walking it
        // backwards looks cheap for a common word, but it reads (detoasts) the vector of every row it passes,
        // while the GIN index answers without reading any. Only the window's vectors are read, to rank.
        db.Database.SqlQuery<SearchMatch>($"""
            SELECT "ArticleId" AS "Id", ts_rank_cd("Vector", query) AS "Score"
            FROM (SELECT s."ArticleId", s."Vector", q AS query
                  FROM "ArticleSearch" s, plainto_tsquery(gaceta_search_config({language}), gaceta_unaccent({string.Join(' ', terms)})) AS q
                  WHERE s."Language" = {language} AND s."PublishedAt" <= {now} AND s."Vector" @@ q
                  ORDER BY s."ArticleId" + 0 DESC
                  LIMIT {SearchArticles.RankWindow}) AS recent
            ORDER BY "Score" DESC, "Id" DESC
            LIMIT {take} OFFSET {skip}
            """);

    public async Task<IQueryable<SearchMatch>?> OlderAsync(string language, IReadOnlyList<string> terms, DateTime now, int skip, int ranked, int take, CancellationToken cancellationToken)
    {
        // The window holds visible matches only: it is full when it ends at RankWindow, and the older matches are
        // the ones after it in the same newest-first order.
        var windowSize = ranked > 0 || skip == 0 ? skip + ranked : await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value"
            FROM (SELECT s."ArticleId"
                  FROM "ArticleSearch" s, plainto_tsquery(gaceta_search_config({language}), gaceta_unaccent({string.Join(' ', terms)})) AS q
                  WHERE s."Language" = {language} AND s."PublishedAt" <= {now} AND s."Vector" @@ q
                  ORDER BY s."ArticleId" + 0 DESC
                  LIMIT {SearchArticles.RankWindow}) AS recent
            """).SingleAsync(cancellationToken);
        if (windowSize < SearchArticles.RankWindow)
        {
            return null;
        }

        return db.Database.SqlQuery<SearchMatch>($"""
            SELECT s."ArticleId" AS "Id", -1.0::float8 AS "Score"
            FROM "ArticleSearch" s, plainto_tsquery(gaceta_search_config({language}), gaceta_unaccent({string.Join(' ', terms)})) AS q
            WHERE s."Language" = {language} AND s."PublishedAt" <= {now} AND s."Vector" @@ q
            ORDER BY s."ArticleId" + 0 DESC
            LIMIT {take} OFFSET {skip + ranked}
            """);
    }
}
