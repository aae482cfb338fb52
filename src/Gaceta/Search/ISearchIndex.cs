namespace Gaceta.Search;

/// <summary>
/// One engine's full-text index of the published articles: which articles match, ranked. Each engine has its own
/// implementation (<see cref="SqliteSearchIndex"/>, <see cref="PostgresSearchIndex"/>), chosen at start-up by the
/// configured database; <see cref="SearchArticles"/> turns the matches into a page of results.
/// </summary>
public interface ISearchIndex
{
    /// <summary>
    /// Ranked matches that readers can see, best first, <paramref name="take"/> of them after <paramref name="skip"/>.
    /// Ranking every match of a common word would cost time in proportion to the archive; news readers want
    /// recent stories anyway, so relevance is computed within the newest <see cref="SearchArticles.RankWindow"/>
    /// matches (by article id, which grows with time).
    /// </summary>
    IQueryable<SearchMatch> Ranked(string language, IReadOnlyList<string> terms, DateTime now, int skip, int take);

    /// <summary>
    /// Past the ranked window the results go on with the older matches, newest first, so that every match can be
    /// reached. <paramref name="ranked"/> rows of the page came from the window; when none did, the window's size
    /// is counted to know where the older matches start. Null when there are no older matches.
    /// </summary>
    Task<IQueryable<SearchMatch>?> OlderAsync(string language, IReadOnlyList<string> terms, DateTime now, int skip, int ranked, int take, CancellationToken cancellationToken);
}

/// <summary>One row of an engine's matches; a higher score ranks first.</summary>
public sealed class SearchMatch
{
    public int Id { get; set; }

    public double Score { get; set; }
}
