using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Site;
using Microsoft.Extensions.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Gaceta.Tests.Mail;

/// <summary>
/// The outbox sender on its own database, with no web host (and so no background sender) beside it, and a
/// transport that fails on demand.
/// </summary>
public sealed class MailOutboxTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "gaceta-tests", $"{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
    private readonly ScriptedTransport _transport = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<SiteOptions>(o => o.Languages = ["en", "es"]);
        services.Configure<DatabaseOptions>(o => o.ConnectionString = $"Data Source={_file}");
        services.AddSingleton<TimeProvider>(_clock);
        services.AddGacetaCore(new ConfigurationBuilder().Build());
        services.RemoveAll<IMailTransport>();
        services.AddSingleton<IMailTransport>(_transport);
        _services = services.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task SentMessages_ArePurgedAfterTheDaysKept_AndNewerOnesStay()
    {
        var old = await QueueAsync("old@example.org");
        Assert.Equal(1, await SendAsync());
        _clock.Advance(TimeSpan.FromDays(31));
        var recent = await QueueAsync("recent@example.org");
        Assert.Equal(1, await SendAsync());

        var purged = await _services.GetRequiredService<MailOutboxSender>().PurgeAsync(CancellationToken.None);

        Assert.Equal(1, purged);
        await using var scope = _services.CreateAsyncScope();
        var ids = await scope.ServiceProvider.GetRequiredService<GacetaDb>().OutboundMails.Select(m => m.Id).ToListAsync();
        Assert.DoesNotContain(old, ids);
        Assert.Contains(recent, ids);
    }

    [Fact]
    public async Task WhileAnotherNodeHoldsTheRetentionLease_ThisNodePurgesNothing()
    {
        var old = await QueueAsync("old@example.org");
        Assert.Equal(1, await SendAsync());
        _clock.Advance(TimeSpan.FromDays(31));
        await using (var scope = _services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<WorkLeases>().TryHoldAsync(MailOutboxSender.RetentionLease, "another-node", TimeSpan.FromHours(1), CancellationToken.None));
        }

        var purged = await _services.GetRequiredService<MailOutboxSender>().PurgeAsync(CancellationToken.None);

        Assert.Equal(0, purged);
        Assert.NotNull(await RowAsync(old));
    }

    [Fact]
    public async Task ATemporaryFailure_IsRetriedAfterAPause_AndThenSent()
    {
        var id = await QueueAsync("later@example.org");
        _transport.Next = new MailDeliveryException("451 try again later", isPermanent: false);

        Assert.Equal(0, await SendAsync());
        var failed = await RowAsync(id);
        Assert.Equal(1, failed.Attempts);
        Assert.Null(failed.SentAt);
        Assert.Null(failed.FailedAt);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddSeconds(15), failed.NextAttemptAt);

        Assert.Equal(0, await SendAsync());
        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(1, await SendAsync());
        Assert.NotNull((await RowAsync(id)).SentAt);
        Assert.Equal(["later@example.org"], _transport.Delivered);
    }

    [Fact]
    public async Task APermanentFailure_EndsTheMessage_WithoutRetrying()
    {
        var id = await QueueAsync("gone@example.org");
        _transport.Next = new MailDeliveryException("550 no such user", isPermanent: true);

        await SendAsync();
        _clock.Advance(TimeSpan.FromHours(2));
        await SendAsync();

        var row = await RowAsync(id);
        Assert.NotNull(row.FailedAt);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("550 no such user", row.LastError);
        Assert.Empty(_transport.Delivered);
    }

    [Fact]
    public async Task AMessageClaimedByAnotherSender_IsLeftAlone_UntilTheClaimRunsOut()
    {
        var id = await QueueAsync("claimed@example.org");
        var until = _clock.GetUtcNow().UtcDateTime.AddMinutes(2);
        await WithDbAsync(db => db.OutboundMails.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until)));

        Assert.Equal(0, await SendAsync());
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, await SendAsync());
        Assert.Equal(["claimed@example.org"], _transport.Delivered);
    }

    private async Task<long> QueueAsync(string to)
    {
        await using var scope = _services.CreateAsyncScope();
        var message = new MimeMessage { Subject = "Confirm" };
        message.From.Add(MailboxAddress.Parse("newsletters@gaceta.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = "Confirm" };
        scope.ServiceProvider.GetRequiredService<MailOutbox>().Enqueue(message, "test");
        var db = scope.ServiceProvider.GetRequiredService<GacetaDb>();
        await db.SaveChangesAsync();
        return await db.OutboundMails.Where(m => m.Recipient == to).Select(m => m.Id).SingleAsync();
    }

    private Task<int> SendAsync() => _services.GetRequiredService<MailOutboxSender>().SendDueAsync(CancellationToken.None);

    private Task<OutboundMail> RowAsync(long id) => WithDbAsync(db => db.OutboundMails.AsNoTracking().SingleAsync(m => m.Id == id));

    private async Task<T> WithDbAsync<T>(Func<GacetaDb, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GacetaDb>());
    }

    /// <summary>Accepts every message, except that it throws <see cref="Next"/> once when set.</summary>
    private sealed class ScriptedTransport : IMailTransport
    {
        public MailDeliveryException? Next { get; set; }

        public List<string> Delivered { get; } = [];

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (Next is { } failure)
            {
                Next = null;
                throw failure;
            }

            Delivered.AddRange(message.To.Mailboxes.Select(m => m.Address));
            return Task.CompletedTask;
        }
    }
}
