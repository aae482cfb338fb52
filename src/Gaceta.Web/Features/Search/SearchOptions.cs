using System.ComponentModel.DataAnnotations;

namespace Gaceta.Web.Features.Search;

/// <summary>Reader search, on the page and in the API. Bound from <c>Search</c>.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    /// <summary>
    /// Searches one client (IP address) may run per minute before getting 429. Only searches that reach the
    /// database count: a query answered from the output cache costs nothing.
    /// </summary>
    [Range(1, 100_000)]
    public int SearchesPerClientPerMinute { get; set; } = 60;
}
