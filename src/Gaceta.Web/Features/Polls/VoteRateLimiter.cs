using Gaceta.Security;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Polls;

/// <summary>Per-client limit on vote submissions: <see cref="PollOptions.VotesPerClientPerMinute"/> in a sliding minute, on every node together.</summary>
public sealed class VoteRateLimiter(IOptions<PollOptions> options, IClientLimits limits)
{
    private readonly ClientLimit _limit = new("votes", options.Value.VotesPerClientPerMinute, TimeSpan.FromMinutes(1));

    /// <returns>Null when the vote may go ahead; otherwise how long the client should wait.</returns>
    public ValueTask<TimeSpan?> TryAcquireAsync(string client, CancellationToken cancellationToken) =>
        limits.TryAcquireAsync(_limit, client, cancellationToken);
}
