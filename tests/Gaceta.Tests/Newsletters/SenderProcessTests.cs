using System.Diagnostics;
using Gaceta.Newsletters;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Newsletters;

/// <summary>
/// The sender as a separate process (<c>gaceta editions send</c>) against the test SMTP server, which counts
/// copies per recipient: stopped gracefully, killed hard, and started twice at once.
/// </summary>
public abstract class SenderProcessTests(GacetaApp app)
{
    private const int Recipients = 600;

    /// <summary>Copies recorded in one group before being marked sent, plus one per connection in flight.</summary>
    private const int InFlightBound = 20 + 2;

    [Fact]
    public async Task GracefulStop_ThenRestart_SendsEveryRecipientExactlyOnce()
    {
        var (editionId, emails) = await CreateStartedEditionAsync();

        using (var first = StartSender(editionId))
        {
            await WaitForCopiesAsync(emails, 100);
            using (var term = Process.Start("kill", $"-TERM {first.Id}"))
            {
                await term!.WaitForExitAsync();
            }

            await WaitForExitAsync(first);
            Assert.Equal(3, first.ExitCode);
        }

        // A graceful stop leaves no delivery in a sender's hands.
        Assert.Equal(0, await app.WithDbAsync(db => db.Deliveries.CountAsync(d => d.EditionId == editionId && d.State == DeliveryState.Sending)));
        Assert.InRange(Copies(emails).Sum(), 100, Recipients - 1);

        await RunToEndAsync(editionId);
        Assert.All(emails, e => Assert.Equal(1, app.Smtp.CountsByRecipient.GetValueOrDefault(e)));
    }

    [Fact]
    public async Task HardKill_ThenRestart_MissesNobody_AndDuplicatesOnlyWhatWasInFlight()
    {
        var (editionId, emails) = await CreateStartedEditionAsync();

        using (var first = StartSender(editionId))
        {
            await WaitForCopiesAsync(emails, 100);
            first.Kill();
            await WaitForExitAsync(first);
        }

        // What the dead sender held when it died: the only deliveries that may arrive twice.
        var inProgress = (await app.WithDbAsync(db => db.Deliveries
            .Where(d => d.EditionId == editionId && d.State == DeliveryState.Sending)
            .Select(d => d.Email).ToListAsync())).ToHashSet();

        await RunToEndAsync(editionId);
        var counts = emails.ToDictionary(e => e, e => app.Smtp.CountsByRecipient.GetValueOrDefault(e));
        Assert.All(counts.Values, c => Assert.InRange(c, 1, 2));
        var duplicated = counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();
        Assert.True(duplicated.Count <= InFlightBound, $"{duplicated.Count} duplicates");
        Assert.All(duplicated, e => Assert.Contains(e, inProgress));
    }

    [Fact]
    public async Task TwoSendersStartedTogether_SendOneCopyEach()
    {
        var (editionId, emails) = await CreateStartedEditionAsync();

        using var first = StartSender(editionId);
        using var second = StartSender(editionId);
        await Task.WhenAll(WaitForExitAsync(first), WaitForExitAsync(second));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.All(emails, e => Assert.Equal(1, app.Smtp.CountsByRecipient.GetValueOrDefault(e)));
    }

    /// <summary>Waits for the sender to end; one that hangs is killed and fails the test instead of stalling the run.</summary>
    private static async Task WaitForExitAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"The sender (pid {process.Id}) did not end within two minutes.");
        }
    }

    private int[] Copies(IEnumerable<string> emails) => emails.Select(e => app.Smtp.CountsByRecipient.GetValueOrDefault(e)).ToArray();

    private async Task RunToEndAsync(int editionId)
    {
        using var again = StartSender(editionId);
        await WaitForExitAsync(again);
        Assert.True(again.ExitCode == 0, await again.StandardError.ReadToEndAsync());
        var progress = await app.WithDbAsync(db => EditionSender.ProgressAsync(db, editionId, CancellationToken.None));
        Assert.True(progress.IsFinished);
        Assert.Equal(Recipients, progress.Sent);
    }

    private async Task WaitForCopiesAsync(IReadOnlyList<string> emails, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Copies(emails).Sum() < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, "The sender did not get going.");
            await Task.Delay(20);
        }
    }

    private Process StartSender(int editionId)
    {
        var start = CliProcess.StartInfo(app, "editions", "send", editionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["Sending__Connections"] = "2";
        start.Environment["Sending__BatchSize"] = "50";
        // Slow enough for a stop to land mid-edition; short claims so a restart after a kill need not wait long.
        start.Environment["Sending__MessagesPerSecond"] = "200";
        start.Environment["Sending__ClaimSeconds"] = "5";
        var process = Process.Start(start)!;
        // Drain the output so the process never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }

    private async Task<(int EditionId, List<string> Emails)> CreateStartedEditionAsync()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var emails = Enumerable.Range(0, Recipients).Select(i => $"crash{i}-{tag}@example.org").ToList();
        var editionId = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var newsletter = new Newsletter { Key = $"crash-{tag}", CreatedAt = now, Names = [new() { Language = "en", Name = "Crash test weekly" }] };
            db.Newsletters.Add(newsletter);
            db.Subscribers.AddRange(emails.Select((e, i) => new Subscriber
            {
                Email = e,
                Language = i % 2 == 0 ? "en" : "es",
                CreatedAt = now,
                Subscriptions = [new() { Newsletter = newsletter, Status = SubscriptionStatus.Active, Grant = AccessGrant.Free, Source = SubscriptionSource.Import, CreatedAt = now, ConfirmedAt = now }],
            }));
            var edition = new Edition
            {
                Newsletter = newsletter,
                CreatedAt = now,
                Texts = [new() { Language = "en", Subject = "This week", Intro = "Hello." }, new() { Language = "es", Subject = "Esta semana", Intro = "Hola." }],
                Stories = [new() { StoryId = story.StoryId, Position = 0 }],
            };
            db.Editions.Add(edition);
            await db.SaveChangesAsync();
            return edition.Id;
        });

        await using var scope = app.Services.CreateAsyncScope();
        var started = await scope.ServiceProvider.GetRequiredService<StartEdition.Handler>().HandleAsync(editionId, null, false, CancellationToken.None);
        Assert.Equal(Recipients, started.Recipients);
        return (editionId, emails);
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteSenderProcessTests(SqliteApp app) : SenderProcessTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresSenderProcessTests(PostgresApp app) : SenderProcessTests(app);
