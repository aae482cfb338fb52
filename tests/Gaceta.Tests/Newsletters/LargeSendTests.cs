using Gaceta.Newsletters;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Newsletters;

/// <summary>
/// A host whose mail goes to postfix's smtp-sink, which the test script starts (<c>GACETA_SMTP_SINK</c>) and
/// which writes every message it accepts to a file under <c>GACETA_SMTP_SINK_DUMP</c>.
/// </summary>
public sealed class SinkApp() : GacetaApp(DatabaseEngine.Sqlite)
{
    public static string Sink => Environment.GetEnvironmentVariable("GACETA_SMTP_SINK")
        ?? throw new InvalidOperationException("GACETA_SMTP_SINK is not set: run the tests with ./test.sh, which starts smtp-sink.");

    public static string DumpDirectory => Environment.GetEnvironmentVariable("GACETA_SMTP_SINK_DUMP")
        ?? throw new InvalidOperationException("GACETA_SMTP_SINK_DUMP is not set: run the tests with ./test.sh, which starts smtp-sink.");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mail:Smtp:Host"] = Sink.Split(':')[0],
        ["Mail:Smtp:Port"] = Sink.Split(':')[1],
        ["Sending:Connections"] = "4",
        ["Sending:BatchSize"] = "500",
    };
}

[CollectionDefinition(Name)]
public sealed class SinkHost : ICollectionFixture<SinkApp>
{
    public const string Name = "smtp-sink";
}

[Collection(SinkHost.Name)]
public sealed class LargeSendTests(SinkApp app)
{
    private const int Recipients = 10_000;

    [Fact]
    public async Task AnEditionToTenThousandRecipients_ReachesTheSinkOncePerRecipient()
    {
        var before = Directory.EnumerateFiles(SinkApp.DumpDirectory, "*", SearchOption.AllDirectories).Count();
        var editionId = await CreateEditionAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var started = await scope.ServiceProvider.GetRequiredService<StartEdition.Handler>().HandleAsync(editionId, null, false, CancellationToken.None);
            Assert.Equal(Recipients, started.Recipients);
        }

        var progress = await app.Services.GetRequiredService<EditionSender>().SendAsync(editionId, null, CancellationToken.None);

        Assert.True(progress.IsFinished);
        Assert.Equal(Recipients, progress.Sent);
        // smtp-sink writes each accepted message to its own file; give its last writes a moment.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int received;
        while ((received = Directory.EnumerateFiles(SinkApp.DumpDirectory, "*", SearchOption.AllDirectories).Count() - before) < Recipients && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(Recipients, received);
    }

    private Task<int> CreateEditionAsync() => app.WithDbAsync(async db =>
    {
        var story = await app.Stories.CreateBilingualAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var newsletter = new Newsletter { Key = $"large-{tag}", CreatedAt = now, Names = [new() { Language = "en", Name = "Large list" }] };
        db.Newsletters.Add(newsletter);
        await db.SaveChangesAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Subscribers.AddRange(Enumerable.Range(0, Recipients).Select(i => new Subscriber
        {
            Email = $"reader{i}-{tag}@example.org",
            Language = i % 3 == 0 ? "es" : "en",
            CreatedAt = now,
            Subscriptions = [new() { NewsletterId = newsletter.Id, Status = SubscriptionStatus.Active, Grant = AccessGrant.Free, Source = SubscriptionSource.Import, CreatedAt = now, ConfirmedAt = now }],
        }));
        var edition = new Edition
        {
            NewsletterId = newsletter.Id,
            CreatedAt = now,
            Texts = [new() { Language = "en", Subject = "The week", Intro = "What happened." }, new() { Language = "es", Subject = "La semana", Intro = "Lo que pasó." }],
            Stories = [new() { StoryId = story.StoryId, Position = 0 }],
        };
        db.Editions.Add(edition);
        await db.SaveChangesAsync();
        return edition.Id;
    });
}
