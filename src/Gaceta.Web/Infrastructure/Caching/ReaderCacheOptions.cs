using System.ComponentModel.DataAnnotations;

namespace Gaceta.Web.Infrastructure.Caching;

/// <summary>Output caching of reader pages. Bound from <c>ReaderCache</c>.</summary>
public sealed class ReaderCacheOptions
{
    public const string SectionName = "ReaderCache";

    /// <summary>Serve reader pages from the output cache. Off only to measure or debug rendering.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a cached page lives at most. Publishing evicts affected pages at once; this bounds
    /// staleness for changes nothing announces, such as a scheduled time passing.
    /// </summary>
    [Range(1, 86_400)]
    public int DurationSeconds { get; set; } = 300;
}
