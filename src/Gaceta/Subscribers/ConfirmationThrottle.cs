using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gaceta.Subscribers;

/// <summary>
/// Limits how many confirmation mails one client can cause, so the form cannot be used to flood strangers'
/// inboxes. Per node and in memory: a limit, not an account.
/// </summary>
public sealed class ConfirmationThrottle(IOptions<SubscriptionOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perClient = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.ConfirmationsPerClientPerHour,
            Window = TimeSpan.FromHours(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    public bool TryAcquire(string client)
    {
        using var lease = _perClient.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public void Dispose() => _perClient.Dispose();
}
