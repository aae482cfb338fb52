using Gaceta.Security;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Search;

/// <summary>Per-client limit on searches: <see cref="SearchOptions.SearchesPerClientPerMinute"/> in a sliding minute.</summary>
public sealed class SearchRateLimiter(IOptions<SearchOptions> options) : IDisposable
{
    private readonly PerClientLimiter _perClient = new(options.Value.SearchesPerClientPerMinute, TimeSpan.FromMinutes(1));

    /// <returns>Null when the search may go ahead; otherwise how long the client should wait.</returns>
    public TimeSpan? TryAcquire(string client) => _perClient.TryAcquire(client);

    public void Dispose() => _perClient.Dispose();
}
