using System.Collections.Concurrent;

namespace Gaceta.Security;

/// <summary>Per-client allowances counted in this process: exact for one node, and the fallback of shared ones.</summary>
public sealed class MemoryClientLimits : IClientLimits, IDisposable
{
    private readonly ConcurrentDictionary<ClientLimit, PerClientLimiter> _limiters = new();

    public ValueTask<TimeSpan?> TryAcquireAsync(ClientLimit limit, string client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var limiter = _limiters.GetOrAdd(limit, l => new PerClientLimiter(l.Permits, l.Window));
        return ValueTask.FromResult(limiter.TryAcquire(client));
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
