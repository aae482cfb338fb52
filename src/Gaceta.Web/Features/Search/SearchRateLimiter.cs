using Gaceta.Security;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Search;

/// <summary>Per-client limit on searches: <see cref="SearchOptions.SearchesPerClientPerMinute"/> in a sliding minute, on every node together.</summary>
public sealed class SearchRateLimiter(IOptions<SearchOptions> options, IClientLimits limits)
{
    private readonly ClientLimit _limit = new("searches", options.Value.SearchesPerClientPerMinute, TimeSpan.FromMinutes(1));

    /// <returns>Null when the search may go ahead; otherwise how long the client should wait.</returns>
    public ValueTask<TimeSpan?> TryAcquireAsync(string client, CancellationToken cancellationToken) =>
        limits.TryAcquireAsync(_limit, client, cancellationToken);
}
