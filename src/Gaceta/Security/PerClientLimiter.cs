using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gaceta.Security;

/// <summary>
/// A sliding-window limit per client key (an IP address), kept in memory on one node: a brake on abuse, not an
/// account. Refusals say how long to wait. The window is cut into six segments, as a sliding-window rate limiter
/// does; a permit counts until its segment has left the window.
/// </summary>
/// <remarks>
/// Written for many clients each seen once (a viral poll): a client costs nothing between its requests, and clients
/// whose window has passed are dropped by a sweep at most once per window. (The framework's partitioned limiter
/// replenished every client's limiter ten times a second, so its cost grew with the clients of the last minute.)
/// </remarks>
public sealed class PerClientLimiter(int permits, TimeSpan window) : IDisposable
{
    private const int Segments = 6;

    private readonly ConcurrentDictionary<string, Client> _clients = new(StringComparer.Ordinal);
    private readonly long _segmentTicks = Math.Max(1, window.Ticks / Segments);
    private long _lastSweep = Now;

    /// <summary>The clients remembered now, for tests and diagnostics.</summary>
    public int ClientCount => _clients.Count;

    private static readonly double TicksPerTimestamp = (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency;

    /// <summary>A monotonic clock in ticks: a limit must not move with the wall clock.</summary>
    private static long Now => (long)(Stopwatch.GetTimestamp() * TicksPerTimestamp);

    /// <returns>Null when the client may go ahead; otherwise how long it should wait.</returns>
    public TimeSpan? TryAcquire(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = Now;
        SweepIfDue(now);
        var segment = now / _segmentTicks;
        var state = _clients.GetOrAdd(client, static _ => new Client());
        lock (state)
        {
            state.MoveTo(segment);
            if (state.Total < permits)
            {
                state.Add(segment);
                return null;
            }

            // The oldest segment holding permits leaves the window at the start of the segment after it plus a window.
            var frees = (state.OldestUsedSegment(segment) + Segments) * _segmentTicks;
            return TimeSpan.FromTicks(Math.Max(_segmentTicks / 10, frees - now));
        }
    }

    public void Dispose() => _clients.Clear();

    private void SweepIfDue(long now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (now - last < _segmentTicks * Segments || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        var segment = now / _segmentTicks;
        foreach (var (key, state) in _clients)
        {
            lock (state)
            {
                if (state.LastSegment <= segment - Segments)
                {
                    _clients.TryRemove(new KeyValuePair<string, Client>(key, state));
                }
            }
        }
    }

    /// <summary>One client's permits in each of the window's segments (a ring by segment number).</summary>
    private sealed class Client
    {
        private readonly int[] _counts = new int[Segments];

        public long LastSegment { get; private set; } = long.MinValue;

        public int Total { get; private set; }

        /// <summary>Forgets the segments that have left the window by <paramref name="segment"/>.</summary>
        public void MoveTo(long segment)
        {
            if (LastSegment == long.MinValue || segment - LastSegment >= Segments)
            {
                Array.Clear(_counts);
                Total = 0;
            }
            else
            {
                for (var s = LastSegment + 1; s <= segment; s++)
                {
                    var slot = (int)(s % Segments);
                    Total -= _counts[slot];
                    _counts[slot] = 0;
                }
            }

            LastSegment = Math.Max(LastSegment, segment);
        }

        public void Add(long segment)
        {
            _counts[(int)(segment % Segments)]++;
            Total++;
        }

        public long OldestUsedSegment(long segment)
        {
            for (var s = segment - Segments + 1; s <= segment; s++)
            {
                if (_counts[(int)(((s % Segments) + Segments) % Segments)] > 0)
                {
                    return s;
                }
            }

            return segment;
        }
    }
}
