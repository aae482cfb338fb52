using Gaceta.Security;

namespace Gaceta.Tests.Security;

public sealed class PerClientLimiterTests
{
    [Fact]
    public void AClient_GetsItsPermitsInAWindow_ThenIsToldHowLongToWait_AndOthersAreNotHeldUp()
    {
        using var limiter = new PerClientLimiter(3, TimeSpan.FromMinutes(1));

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(limiter.TryAcquire("203.0.113.7")));
        var wait = limiter.TryAcquire("203.0.113.7");

        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Null(limiter.TryAcquire("203.0.113.8"));
    }

    [Fact]
    public async Task ClientsSeenOnce_AreForgottenOnceTheirWindowHasPassed()
    {
        using var limiter = new PerClientLimiter(10, TimeSpan.FromMilliseconds(300));
        foreach (var client in Enumerable.Range(0, 1000))
        {
            Assert.Null(limiter.TryAcquire($"client-{client}"));
        }

        Assert.Equal(1000, limiter.ClientCount);
        await Task.Delay(TimeSpan.FromMilliseconds(700));

        // The first request after a window has passed sweeps the clients whose permits have all expired.
        Assert.Null(limiter.TryAcquire("client-new"));
        Assert.Equal(1, limiter.ClientCount);
    }

    [Fact]
    public async Task Permits_ComeBack_AsTheirPartOfTheWindowPasses()
    {
        using var limiter = new PerClientLimiter(2, TimeSpan.FromMilliseconds(600));
        Assert.Null(limiter.TryAcquire("198.51.100.1"));
        Assert.Null(limiter.TryAcquire("198.51.100.1"));
        Assert.NotNull(limiter.TryAcquire("198.51.100.1"));

        await Task.Delay(TimeSpan.FromMilliseconds(800));

        Assert.Null(limiter.TryAcquire("198.51.100.1"));
    }
}
