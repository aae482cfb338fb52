using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using Gaceta.Web.Infrastructure.Redis;
using Microsoft.AspNetCore.OutputCaching;

namespace Gaceta.Web.Infrastructure.Caching;

/// <summary>
/// The reader cache in Redis, shared by every node, so one eviction reaches them all, wrapped so that Redis
/// failing is never an outage: while it is away a page is a miss (rendered, not stored) rather than an error. An
/// eviction that could not be sent is kept and sent before this node reads the cache again, and tried every
/// second until Redis takes it, so no node is served a page the change made stale once Redis is back.
/// </summary>
internal sealed class SharedOutputCacheStore : IOutputCacheBufferStore, IDisposable
{
    private readonly Timer _retry;

    private readonly IOutputCacheStore _redis;

    private readonly RedisConnection _connection;

    /// <summary>Tags whose eviction has not reached Redis yet, each with the turn it was asked in.</summary>
    private readonly ConcurrentDictionary<string, long> _unsent = new(StringComparer.Ordinal);

    private long _turn;

    public SharedOutputCacheStore(IOutputCacheStore redis, RedisConnection connection)
    {
        _redis = redis;
        _connection = connection;
        _connection.Restored += RetryEvictions;
        _retry = new Timer(_ => RetryEvictions(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Dispose() => _retry.Dispose();

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        _unsent[tag] = Interlocked.Increment(ref _turn);
        return IgnoreAsync(SendEvictionsAsync(cancellationToken));
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!await SendEvictionsAsync(cancellationToken))
        {
            return null;
        }

        try
        {
            return await _redis.GetAsync(key, cancellationToken);
        }
        catch (Exception e) when (RedisConnection.IsFault(e))
        {
            _connection.Faulted(e);
            return null;
        }
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_redis is not IOutputCacheBufferStore buffers)
        {
            var value = await GetAsync(key, cancellationToken);
            if (value is null)
            {
                return false;
            }

            await destination.WriteAsync(value, cancellationToken);
            return true;
        }

        if (!await SendEvictionsAsync(cancellationToken))
        {
            return false;
        }

        try
        {
            return await buffers.TryGetAsync(key, destination, cancellationToken);
        }
        catch (Exception e) when (RedisConnection.IsFault(e))
        {
            _connection.Faulted(e);
            return false;
        }
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        SetAsync(key, new ReadOnlySequence<byte>(value), tags.AsMemory(), validFor, cancellationToken);

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (!_connection.Usable || !_unsent.IsEmpty)
        {
            return;
        }

        try
        {
            if (_redis is IOutputCacheBufferStore buffers)
            {
                await buffers.SetAsync(key, value, tags, validFor, cancellationToken);
            }
            else
            {
                await _redis.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
            }
        }
        catch (Exception e) when (RedisConnection.IsFault(e))
        {
            _connection.Faulted(e);
        }
    }

    /// <returns>Whether every eviction asked of this node has reached Redis.</returns>
    private async ValueTask<bool> SendEvictionsAsync(CancellationToken cancellationToken)
    {
        if (_unsent.IsEmpty)
        {
            return true;
        }

        if (!_connection.Usable)
        {
            return false;
        }

        foreach (var (tag, turn) in _unsent)
        {
            try
            {
                await _redis.EvictByTagAsync(tag, cancellationToken);
            }
            catch (Exception e) when (RedisConnection.IsFault(e))
            {
                _connection.Faulted(e);
                return false;
            }

            // Asked again meanwhile: that later eviction stays to be sent.
            _unsent.TryRemove(new KeyValuePair<string, long>(tag, turn));
        }

        return _unsent.IsEmpty;
    }

    private static async ValueTask IgnoreAsync(ValueTask<bool> sending) => await sending;

    private void RetryEvictions()
    {
        if (!_unsent.IsEmpty)
        {
            _ = SendEvictionsAsync(CancellationToken.None).AsTask();
        }
    }
}
