using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Gaceta.Security;
using RedisRateLimiting;

namespace Gaceta.Web.Infrastructure.Redis;

/// <summary>
/// Per-client allowances counted in Redis, so one client meets one limit however its requests spread over the nodes
/// (a sliding window per limit and client). While Redis fails, this node counts by itself
/// (<see cref="MemoryClientLimits"/>): the limit still holds per node, and nobody is refused for Redis's sake.
/// Redis holds a keyed hash of the client's address, never the address.
/// </summary>
internal sealed class RedisClientLimits(RedisConnection redis, MemoryClientLimits memory, InstallationKeys keys) : IClientLimits, IDisposable
{
    private readonly ConcurrentDictionary<ClientLimit, PartitionedRateLimiter<string>> _limiters = new();

    public async ValueTask<TimeSpan?> TryAcquireAsync(ClientLimit limit, string client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (!redis.Usable)
        {
            return await memory.TryAcquireAsync(limit, client, cancellationToken);
        }

        try
        {
            using var lease = await _limiters.GetOrAdd(limit, Create).AcquireAsync(keys.Hash("client-limit", client)[..32], 1, cancellationToken);
            if (lease.IsAcquired)
            {
                return null;
            }

            return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
                ? retryAfter
                : limit.Window / 6;
        }
        catch (Exception e) when (RedisConnection.IsFault(e))
        {
            redis.Faulted(e);
            return await memory.TryAcquireAsync(limit, client, cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private PartitionedRateLimiter<string> Create(ClientLimit limit) =>
        PartitionedRateLimiter.Create<string, string>(client => RedisRateLimitPartition.GetSlidingWindowRateLimiter(
            $"gaceta:{limit.Name}:{client}",
            _ => new RedisSlidingWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis.Multiplexer,
                PermitLimit = limit.Permits,
                Window = limit.Window,
            }));
}
