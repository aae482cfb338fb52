using Gaceta.Security;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Polls;

/// <summary>Per-client limit on vote submissions: <see cref="PollOptions.VotesPerClientPerMinute"/> in a sliding minute.</summary>
public sealed class VoteRateLimiter(IOptions<PollOptions> options) : IDisposable
{
    private readonly PerClientLimiter _perClient = new(options.Value.VotesPerClientPerMinute, TimeSpan.FromMinutes(1));

    /// <returns>Null when the vote may go ahead; otherwise how long the client should wait.</returns>
    public TimeSpan? TryAcquire(string client) => _perClient.TryAcquire(client);

    public void Dispose() => _perClient.Dispose();
}
