using Gaceta.Data;
using Gaceta.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Configuration;

/// <summary>Background work runs on one node at a time: its lease has one holder, renewed by it, taken over when it lapses.</summary>
public abstract class WorkLeaseTests(GacetaApp app)
{
    [Fact]
    public async Task OneNodeHoldsALease_RenewsIt_AndAnotherTakesItOverOnlyOnceItLapses()
    {
        var name = $"test-{Guid.NewGuid():N}"[..30];
        var lease = TimeSpan.FromSeconds(45);

        Assert.True(await TryHoldAsync(name, "node-a", lease));
        Assert.False(await TryHoldAsync(name, "node-b", lease));
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await TryHoldAsync(name, "node-a", lease));
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        // Renewed 30 s ago for 45 s: still node A's.
        Assert.False(await TryHoldAsync(name, "node-b", lease));
        app.Clock.Advance(TimeSpan.FromSeconds(20));

        Assert.True(await TryHoldAsync(name, "node-b", lease));
        Assert.False(await TryHoldAsync(name, "node-a", lease));
    }

    [Fact]
    public async Task TwoNodesAskingForANewLeaseAtOnce_OneGetsIt()
    {
        var name = $"race-{Guid.NewGuid():N}"[..30];

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => TryHoldAsync(name, $"node-{i}", TimeSpan.FromMinutes(1)))));

        Assert.Single(answers, held => held);
    }

    private async Task<bool> TryHoldAsync(string name, string holder, TimeSpan duration)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkLeases>().TryHoldAsync(name, holder, duration, CancellationToken.None);
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteWorkLeaseTests(SqliteApp app) : WorkLeaseTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresWorkLeaseTests(PostgresApp app) : WorkLeaseTests(app);
