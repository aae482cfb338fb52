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
            var ranked = database.Value.Provider == DatabaseProvider.Sqlite
                ? db.Database.SqlQuery<Ranked>($"""SELECT rowid AS "Id", -bm25("ArticleSearch", 10.0, 4.0, 1.0) AS "Score" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {SqliteMatch(terms)}""")
                : db.Database.SqlQuery<Ranked>($"""SELECT "Id", ts_rank_cd("SearchVector", query) AS "Score" FROM "Articles", plainto_tsquery(gaceta_search_config({query.Language}), gaceta_unaccent({string.Join(' ', terms)})) AS query WHERE "SearchVector" @@ query""");
            var rows = await ranked
                .Join(db.Articles.Visible(query.Language, now), r => r.Id, a => a.Id, (r, a) => new { r.Score, Article = a })
                .OrderByDescending(x => x.Score).ThenByDescending(x => x.Article.PublishedAt).ThenByDescending(x => x.Article.Id)
                .Skip((page - 1) * PageSize).Take(PageSize + 1)
                .Select(x => new
                {
                    x.Article.Id,
                    x.Article.StoryId,
                    x.Article.Headline,
                    x.Article.Standfirst,
                    x.Article.Slug,
                    x.Article.Body,
                    PublishedAt = x.Article.PublishedAt!.Value,
                    x.Article.Story.SectionId,
                    Section = x.Article.Story.Section.Names.Where(n => n.Language == query.Language).Select(n => new { n.Name, n.Slug }).FirstOrDefault(),
                })
                .AsNoTracking()
                .ToListAsync(cancellationToken);
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
            return new Result(terms, hits, page, rows.Count > PageSize);
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
