using System.Threading.RateLimiting;

namespace Gaceta.Security;

/// <summary>
/// A sliding-window limit per client key (an IP address), kept in memory on one node: a brake on abuse, not an
/// account. Refusals say how long to wait.
/// </summary>
public sealed class PerClientLimiter(int permits, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    /// <returns>Null when the client may go ahead; otherwise how long it should wait.</returns>
    public TimeSpan? TryAcquire(string client)
    {
        using var lease = _limiter.AttemptAcquire(client);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window / 6;
    }

    public void Dispose() => _limiter.Dispose();
}
