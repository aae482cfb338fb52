using Gaceta.Articles;
using Gaceta.Changes;
using Gaceta.Data;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Architecture;

/// <summary>The one seam for changes: subscribers hear a change once it is committed, never one rolled back.</summary>
public abstract class ChangeFeedTests(GacetaApp app)
{
    [Fact]
    public async Task AChangeOutsideATransaction_IsHeardAtOnce_AndInsideOne_OnlyAfterTheCommit()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GacetaDb>();
        var heard = new Recorder();
        var feed = new ChangeFeed(db, [heard]);

        await feed.AnnounceAsync(new PollChanged(1), CancellationToken.None);
        Assert.Equal([new PollChanged(1)], heard.Changes);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await feed.AnnounceAsync(new PollChanged(2), CancellationToken.None);
            Assert.Single(heard.Changes);
            await Assert.ThrowsAsync<InvalidOperationException>(() => feed.CommittedAsync(CancellationToken.None));
            await transaction.CommitAsync();
        }

        await feed.CommittedAsync(CancellationToken.None);
        Assert.Equal([new PollChanged(1), new PollChanged(2)], heard.Changes);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await feed.AnnounceAsync(new StoryChanged(new ReaderChange(3, [1], [1])), CancellationToken.None);
            await transaction.RollbackAsync();
            feed.RolledBack();
        }

        await feed.CommittedAsync(CancellationToken.None);
        Assert.Equal(2, heard.Changes.Count);
    }

    private sealed class Recorder : IChangeSubscriber
    {
        public List<Change> Changes { get; } = [];

        public Task OnCommittedAsync(Change change, CancellationToken cancellationToken)
        {
            Changes.Add(change);
            return Task.CompletedTask;
        }
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteChangeFeedTests(SqliteApp app) : ChangeFeedTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresChangeFeedTests(PostgresApp app) : ChangeFeedTests(app);
