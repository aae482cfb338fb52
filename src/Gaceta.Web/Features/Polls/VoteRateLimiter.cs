using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Polls;

/// <summary>Per-client limit on vote submissions, a sliding minute per client address.</summary>
public sealed class VoteRateLimiter(IOptions<PollOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.VotesPerClientPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    /// <returns>Null when the vote may go ahead; otherwise how long the client should wait.</returns>
    public TimeSpan? TryAcquire(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
    }

    public void Dispose() => _limiter.Dispose();
}
