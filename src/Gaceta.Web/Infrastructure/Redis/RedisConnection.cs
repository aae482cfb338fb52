using StackExchange.Redis;

namespace Gaceta.Web.Infrastructure.Redis;

/// <summary>
/// The node's one connection to Redis (<c>ConnectionStrings:Redis</c>), shared by the output cache and the per-client
/// limits. Redis is a help, never a dependency: the connection is made in the background and remade when Redis
/// returns, and while it is away (or just timed out) <see cref="Usable"/> says so at once, so callers fall back
/// instead of waiting. Faults are logged here, once per outage rather than once per request.
/// </summary>
internal sealed partial class RedisConnection : IDisposable
{
    /// <summary>After a command times out, Redis is left alone this long before it is tried again.</summary>
    private static readonly TimeSpan RestAfterTimeout = TimeSpan.FromSeconds(2);

    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    private readonly ILogger<RedisConnection> _logger;

    private long _restUntil;

    private int _faulted;

    public RedisConnection(ConfigurationOptions options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() => Connect(options));
    }

    /// <summary>Raised when the connection is made again after a fault, so work that waited can be sent.</summary>
    public event Action? Restored;

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <summary>Whether Redis may be asked now: connected, and not resting after a timeout.</summary>
    public bool Usable => _multiplexer.Value.IsConnected && Environment.TickCount64 >= Interlocked.Read(ref _restUntil);

    /// <summary>Whether <paramref name="exception"/> is Redis failing (rather than a bug), which callers survive.</summary>
    public static bool IsFault(Exception exception) => exception is RedisException or TimeoutException or ObjectDisposedException;

    /// <summary>A command failed: log it (once until Redis is back) and, after a timeout, rest before the next try.</summary>
    public void Faulted(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TimeoutException)
        {
            Interlocked.Exchange(ref _restUntil, Environment.TickCount64 + (long)RestAfterTimeout.TotalMilliseconds);
        }

        if (Interlocked.Exchange(ref _faulted, 1) == 0)
        {
            LogFault(exception.GetType().Name, exception.Message);
        }
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }

    private ConnectionMultiplexer Connect(ConfigurationOptions options)
    {
        var multiplexer = ConnectionMultiplexer.Connect(options);
        multiplexer.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive && Interlocked.Exchange(ref _faulted, 1) == 0)
            {
                LogFault(e.FailureType.ToString(), e.Exception?.Message ?? string.Empty);
            }
        };
        multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType != ConnectionType.Interactive)
            {
                return;
            }

            Interlocked.Exchange(ref _restUntil, 0);
            if (Interlocked.Exchange(ref _faulted, 0) == 1)
            {
                LogRestored();
            }

            Restored?.Invoke();
        };
        if (!multiplexer.IsConnected)
        {
            Interlocked.Exchange(ref _faulted, 1);
            LogFault("Unreachable", "no connection at start");
        }

        return multiplexer;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is failing ({Fault}: {Detail}). Until it returns, this node serves reader pages uncached and counts per-client limits by itself.")]
    private partial void LogFault(string fault, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: the output cache and the per-client limits are shared again.")]
    private partial void LogRestored();
}
