using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gaceta.Web.Infrastructure.Redis;

/// <summary>
/// Whether Redis answers a ping. Registered as <em>degraded</em> on failure, not unhealthy: a node without Redis
/// still serves (uncached, limits counted per node), so a load balancer must not take every node out when Redis goes.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!redis.Multiplexer.IsConnected)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis is not connected.");
        }

        try
        {
            var latency = await redis.Multiplexer.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception e) when (RedisConnection.IsFault(e))
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer.");
        }
    }
}
