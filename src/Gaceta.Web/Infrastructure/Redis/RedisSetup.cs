using Gaceta.Security;
using Gaceta.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gaceta.Web.Infrastructure.Redis;

internal static class RedisSetup
{
    /// <summary>
    /// With <c>ConnectionStrings:Redis</c> set, the nodes of a cluster share the reader cache and every per-client
    /// limit through Redis, and <c>/readyz</c> reports whether it answers. Without it nothing changes: one node
    /// keeps both in memory.
    /// </summary>
    public static IServiceCollection AddSharedStateInRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        var options = Parse(connectionString);
        services.AddSingleton(provider => new RedisConnection(options, provider.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton<RedisClientLimits>();
        services.RemoveAll<IClientLimits>();
        services.AddSingleton<IClientLimits>(provider => provider.GetRequiredService<RedisClientLimits>());

        services.AddStackExchangeRedisOutputCache(_ => { });
        services.AddOptions<RedisOutputCacheOptions>().Configure<RedisConnection>((cache, redis) =>
        {
            cache.InstanceName = "gaceta:";
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer);
        });
        var redisStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore)).ImplementationType
            ?? throw new InvalidOperationException("The Redis output cache registered no store type.");
        services.RemoveAll<IOutputCacheStore>();
        services.AddSingleton<IOutputCacheStore>(provider => new SharedOutputCacheStore(
            (IOutputCacheStore)ActivatorUtilities.CreateInstance(provider, redisStore),
            provider.GetRequiredService<RedisConnection>()));

        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [Gaceta.Data.HealthTags.Ready]);
        return services;
    }

    /// <summary>
    /// StackExchange.Redis's connection string (<c>host:port,password=…,ssl=true</c>). The node never waits for Redis
    /// to start, and unless the string sets its own timeouts a command that gets no answer in a second is given up.
    /// </summary>
    private static ConfigurationOptions Parse(string connectionString)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new OptionsValidationException("ConnectionStrings:Redis", typeof(ConfigurationOptions), [$"ConnectionStrings:Redis is not a Redis connection string ({e.Message})."]);
        }

        if (options.EndPoints.Count == 0)
        {
            throw new OptionsValidationException("ConnectionStrings:Redis", typeof(ConfigurationOptions), ["ConnectionStrings:Redis names no server (host:port)."]);
        }

        options.AbortOnConnectFail = false;
        // Commands are not held back for a reconnection: the callers have their own way without Redis.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= "gaceta";
        if (!connectionString.Contains("timeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 1000;
            options.AsyncTimeout = 1000;
        }

        return options;
    }
}
