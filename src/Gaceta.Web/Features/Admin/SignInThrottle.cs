using System.Collections.Concurrent;

namespace Gaceta.Web.Features.Admin;

/// <summary>
/// Wrong passwords and codes slow the one who types them instead of locking the account, so nobody can lock a
/// real editor out by guessing at their address.
/// <list type="bullet">
/// <item>Per account and client address: after <see cref="FreeFailures"/> failures, each further attempt from that
/// address must wait, 30 seconds after the first and twice as long after each one more, at most 15 minutes. The
/// editor at another address is not slowed at all.</item>
/// <item>Per account from every address together (an attacker with many addresses): past
/// <see cref="AccountFailuresPerHour"/> failures in an hour, one attempt per <see cref="AccountPace"/> for
/// everyone. The real editor is slowed to that pace, never shut out.</item>
/// </list>
/// A success from an address clears that address's count. Kept in memory on one node; the per-address limit of
/// <see cref="SignInRateLimiter"/> applies as well.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int FreeFailures = 5;

    public const int AccountFailuresPerHour = 100;

    public static readonly TimeSpan AccountPace = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<(string Account, string Client), Failures> _pairs = new();

    private readonly ConcurrentDictionary<string, AccountFailures> _accounts = new(StringComparer.Ordinal);

    /// <returns>Null when the attempt may go ahead; otherwise how long to wait.</returns>
    public TimeSpan? RetryAfter(string account, string client)
    {
        var now = time.GetUtcNow();
        TimeSpan? wait = null;
        if (_pairs.TryGetValue((Key(account), client), out var pair) && pair.Count >= FreeFailures)
        {
            var until = pair.Last + Backoff(pair.Count);
            if (until > now)
            {
                wait = until - now;
            }
        }

        if (_accounts.TryGetValue(Key(account), out var all))
        {
            lock (all)
            {
                all.Prune(now);
                if (all.Times.Count >= AccountFailuresPerHour && all.LastAttempt + AccountPace > now)
                {
                    var paced = all.LastAttempt + AccountPace - now;
                    wait = wait is { } w && w > paced ? w : paced;
                }
                else if (all.Times.Count >= AccountFailuresPerHour && wait is null)
                {
                    all.LastAttempt = now;
                }
            }
        }

        return wait;
    }

    public void Failed(string account, string client)
    {
        var now = time.GetUtcNow();
        _pairs.AddOrUpdate((Key(account), client), _ => new Failures(1, now), (_, f) => new Failures(f.Count + 1, now));
        var all = _accounts.GetOrAdd(Key(account), _ => new AccountFailures());
        lock (all)
        {
            all.Prune(now);
            all.Times.Enqueue(now);
            all.LastAttempt = now;
        }

        if (_pairs.Count > 100_000)
        {
            Forget(now);
        }
    }

    public void Succeeded(string account, string client) => _pairs.TryRemove((Key(account), client), out _);

    private static TimeSpan Backoff(int failures)
    {
        var doublings = Math.Min(failures - FreeFailures, 10);
        var wait = FirstWait * Math.Pow(2, doublings);
        return wait > LongestWait ? LongestWait : wait;
    }

    private static string Key(string account) => account.Trim().ToUpperInvariant();

    /// <summary>Drops what no longer slows anyone, so typed garbage cannot fill the memory.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, failures) in _pairs)
        {
            if (failures.Last + LongestWait < now)
            {
                _pairs.TryRemove(key, out _);
            }
        }

        foreach (var (key, failures) in _accounts)
        {
            lock (failures)
            {
                failures.Prune(now);
                if (failures.Times.Count == 0)
                {
                    _accounts.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed record Failures(int Count, DateTimeOffset Last);

    private sealed class AccountFailures
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public DateTimeOffset LastAttempt { get; set; }

        public void Prune(DateTimeOffset now)
        {
            while (Times.Count > 0 && Times.Peek() < now - TimeSpan.FromHours(1))
            {
                Times.Dequeue();
            }
        }
    }
}
