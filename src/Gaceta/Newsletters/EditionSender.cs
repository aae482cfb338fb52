using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gaceta.Newsletters;

/// <summary>Where an edition's deliveries stand.</summary>
public sealed record EditionProgress(int EditionId, EditionStatus Status, int Recipients, int Sent, int Failed, int Excluded, int Pending)
{
    public bool IsFinished => Sent + Failed + Excluded == Recipients;
}

/// <summary>
/// Sends an edition's recorded deliveries. A sender claims a batch of deliveries at a time (on PostgreSQL with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several senders share the work; on SQLite one sender holds the edition's
/// lease), checks each recipient is still subscribed and not suppressed, sends over a pool of kept SMTP
/// connections at the configured rate, and records each outcome as soon as it is known. Stopping finishes the
/// messages in flight, records them and hands unsent claims back, so a restart resumes where it stopped.
/// </summary>
public sealed partial class EditionSender(
    IServiceScopeFactory scopes,
    IOptions<SendingOptions> options,
    IOptions<DatabaseOptions> database,
    Func<IMailTransport> transports,
    SuppressionList suppressions,
    TimeProvider time,
    ILogger<EditionSender> logger)
{
    /// <summary>This process's name in claims and leases.</summary>
    public string SenderId { get; } = NewSenderId();

    private SendingOptions Options => options.Value;

    private static string NewSenderId()
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
        return id.Length > 100 ? id[^100..] : id;
    }

    private bool IsSqlite => database.Value.Provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// Sends what is claimable now, until nothing is left or <paramref name="stopping"/> fires. Deliveries waiting
    /// for a retry later stay pending; call again to pick them up.
    /// </summary>
    /// <returns>The edition's progress when this call ended.</returns>
    public async Task<EditionProgress> SendAsync(int editionId, IProgress<EditionProgress>? progress, CancellationToken stopping)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GacetaDb>();
        var mail = scope.ServiceProvider.GetRequiredService<EditionMail>();
        var content = await EditionContent.LoadAsync(db, editionId, time.GetUtcNow().UtcDateTime, stopping)
            ?? throw new InvalidOperationException($"Edition {editionId} does not exist.");
        // Read and filled by every connection's worker at once.
        var templates = new System.Collections.Concurrent.ConcurrentDictionary<string, EditionTemplate>(StringComparer.Ordinal);

        using var rate = Options.MessagesPerSecond > 0
            ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, Options.MessagesPerSecond / 10),
                TokensPerPeriod = Math.Max(1, Options.MessagesPerSecond / 10),
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                QueueLimit = int.MaxValue,
                AutoReplenishment = true,
            })
            : null;

        var pool = Enumerable.Range(0, Options.Connections).Select(_ => transports()).ToList();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                if (IsSqlite && !await HoldLeaseAsync(db, editionId, stopping))
                {
                    LogLeaseHeld(editionId);
                    break;
                }

                var batch = await ClaimAsync(db, editionId, stopping);
                if (batch.Count == 0)
                {
                    break;
                }

                var sendable = await ExcludeAsync(db, batch, stopping);
                await using var recorder = new Recorder(scopes, SenderId, Options, time);
                await SendBatchAsync(
                    sendable,
                    pool,
                    rate,
                    recorder,
                    d => mail.Compose(templates.GetOrAdd(d.Language, language => mail.Render(content, language)), d.Id, d.SubscriptionId, d.Email),
                    stopping);
                await recorder.FlushAsync();
                progress?.Report(await ProgressAsync(db, editionId, CancellationToken.None));
            }
        }
        finally
        {
            foreach (var transport in pool)
            {
                if (transport is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync();
                }
            }

            // Whatever this sender claimed and did not send goes back at once, so a restart need not wait for claims to expire.
            await db.Deliveries
                .Where(d => d.EditionId == editionId && d.State == DeliveryState.Sending && d.ClaimedBy == SenderId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Pending).SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            if (IsSqlite)
            {
                await db.Editions.Where(e => e.Id == editionId && e.SenderId == SenderId)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.SenderId, (string?)null).SetProperty(e => e.SenderLeaseUntil, (DateTime?)null), CancellationToken.None);
            }
        }

        var final = await FinishIfDoneAsync(db, editionId);
        progress?.Report(final);
        return final;
    }

    /// <summary>Counts an edition's deliveries by state.</summary>
    public static async Task<EditionProgress> ProgressAsync(GacetaDb db, int editionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var edition = await db.Editions.AsNoTracking().Where(e => e.Id == editionId).Select(e => new { e.Status, e.Recipients }).SingleAsync(cancellationToken);
        var counts = await db.Deliveries.Where(d => d.EditionId == editionId)
            .GroupBy(d => d.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        return new EditionProgress(
            editionId,
            edition.Status,
            edition.Recipients,
            counts.GetValueOrDefault(DeliveryState.Sent),
            counts.GetValueOrDefault(DeliveryState.Failed),
            counts.GetValueOrDefault(DeliveryState.Excluded),
            counts.GetValueOrDefault(DeliveryState.Pending) + counts.GetValueOrDefault(DeliveryState.Sending));
    }

    private async Task<EditionProgress> FinishIfDoneAsync(GacetaDb db, int editionId)
    {
        var progress = await ProgressAsync(db, editionId, CancellationToken.None);
        if (progress.IsFinished && progress.Status == EditionStatus.Sending)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await db.Editions.Where(e => e.Id == editionId && e.Status == EditionStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Sent).SetProperty(e => e.FinishedAt, now), CancellationToken.None);
            progress = progress with { Status = EditionStatus.Sent };
        }

        return progress;
    }

    /// <summary>SQLite has one writer and no row locks: one sender per edition, enforced with a renewable lease.</summary>
    private async Task<bool> HoldLeaseAsync(GacetaDb db, int editionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(Options.ClaimSeconds);
        var held = await db.Editions
            .Where(e => e.Id == editionId && (e.SenderId == null || e.SenderId == SenderId || e.SenderLeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SenderId, SenderId).SetProperty(e => e.SenderLeaseUntil, until), cancellationToken);
        return held == 1;
    }

    /// <summary>A claimed delivery.</summary>
    internal sealed record Claimed(long Id, int SubscriptionId, string Email, string Language, int Attempts);

    /// <summary>
    /// Claims the next batch: pending deliveries that are due, and deliveries whose claim expired (their sender
    /// died). The outer condition is checked again on each row as it is updated, so two claimers never both win one.
    /// </summary>
    private async Task<List<Claimed>> ClaimAsync(GacetaDb db, int editionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now.AddSeconds(Options.ClaimSeconds);
        var claimable = """("State" = 'Pending' AND "NextAttemptAt" <= @now) OR ("State" = 'Sending' AND "ClaimedUntil" < @now)""";
        // PostgreSQL: the locking CTE runs once, so a batch is never larger than asked, and rows another sender
        // holds are skipped rather than waited for. SQLite has one writer at a time and the edition's lease.
        var sql = IsSqlite
            ? $"""
                UPDATE "Deliveries" SET "State" = 'Sending', "ClaimedBy" = @sender, "ClaimedUntil" = @until
                WHERE "Id" IN (SELECT "Id" FROM "Deliveries" WHERE "EditionId" = @edition AND ({claimable}) ORDER BY "Id" LIMIT @limit)
                  AND ({claimable})
                RETURNING "Id", "SubscriptionId", "Email", "Language", "Attempts"
                """
            : $"""
                WITH next AS (
                    SELECT "Id" FROM "Deliveries" WHERE "EditionId" = @edition AND ({claimable})
                    ORDER BY "Id" LIMIT @limit FOR UPDATE SKIP LOCKED)
                UPDATE "Deliveries" AS d SET "State" = 'Sending', "ClaimedBy" = @sender, "ClaimedUntil" = @until
                FROM next WHERE d."Id" = next."Id"
                RETURNING d."Id", d."SubscriptionId", d."Email", d."Language", d."Attempts"
                """;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "@sender", SenderId);
            Add(command, "@until", until);
            Add(command, "@now", now);
            Add(command, "@edition", editionId);
            Add(command, "@limit", Options.BatchSize);
            var claimed = new List<Claimed>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new Claimed(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
            }

            return claimed.OrderBy(c => c.Id).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Leaves out, as excluded, whoever unsubscribed since the deliveries were recorded and addresses that are now
    /// suppressed. Checked per batch, just before sending, so a change mid-send is honoured.
    /// </summary>
    private async Task<List<Claimed>> ExcludeAsync(GacetaDb db, List<Claimed> batch, CancellationToken cancellationToken)
    {
        var subscriptionIds = batch.Select(b => b.SubscriptionId).ToList();
        var active = (await db.Subscriptions.AsNoTracking()
            .Where(s => subscriptionIds.Contains(s.Id) && s.Status == SubscriptionStatus.Active)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
        var hashes = batch.ToDictionary(b => b.Id, b => suppressions.HashOf(b.Email));
        var hashList = hashes.Values.Distinct().ToList();
        var suppressed = (await db.Suppressions.AsNoTracking().Where(s => hashList.Contains(s.EmailHash)).Select(s => s.EmailHash).ToListAsync(cancellationToken)).ToHashSet();

        var unsubscribed = batch.Where(b => !active.Contains(b.SubscriptionId)).Select(b => b.Id).ToList();
        var blocked = batch.Where(b => active.Contains(b.SubscriptionId) && suppressed.Contains(hashes[b.Id])).Select(b => b.Id).ToList();
        await MarkExcludedAsync(db, unsubscribed, "unsubscribed before sending", cancellationToken);
        await MarkExcludedAsync(db, blocked, "address suppressed", cancellationToken);
        return batch.Where(b => !unsubscribed.Contains(b.Id) && !blocked.Contains(b.Id)).ToList();
    }

    private static async Task MarkExcludedAsync(GacetaDb db, List<long> ids, string note, CancellationToken cancellationToken)
    {
        if (ids.Count > 0)
        {
            await db.Deliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(
                s => s.SetProperty(d => d.State, DeliveryState.Excluded).SetProperty(d => d.Note, note)
                    .SetProperty(d => d.ClaimedBy, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null),
                cancellationToken);
        }
    }

    private static async Task SendBatchAsync(
        List<Claimed> batch,
        List<IMailTransport> pool,
        RateLimiter? rate,
        Recorder recorder,
        Func<Claimed, MimeKit.MimeMessage> compose,
        CancellationToken stopping)
    {
        var queue = Channel.CreateBounded<Claimed>(new BoundedChannelOptions(pool.Count * 4) { SingleWriter = true });
        var workers = pool.Select(transport => Task.Run(async () =>
        {
            // A stop ends the taking of new work, never a message half sent: each send runs to its end.
            while (!stopping.IsCancellationRequested && await queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                if (stopping.IsCancellationRequested || !queue.Reader.TryRead(out var delivery))
                {
                    continue;
                }

                if (rate is not null)
                {
                    using var lease = await rate.AcquireAsync(1, CancellationToken.None);
                }

                try
                {
                    await transport.SendAsync(compose(delivery), CancellationToken.None);
                    await recorder.SentAsync(delivery);
                }
                catch (MailDeliveryException e)
                {
                    await recorder.FailedAsync(delivery, e.IsPermanent, e.Message);
                }
            }
        }, CancellationToken.None)).ToList();

        try
        {
            foreach (var delivery in batch)
            {
                // A stop ends the handing out of work; the workers, who stop taking it, would never empty a full queue.
                await queue.Writer.WriteAsync(delivery, stopping);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: what was not handed out stays claimed and is handed back by the caller.
        }

        queue.Writer.Complete();
        await Task.WhenAll(workers);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Edition {EditionId} is held by another sender; this one steps back.")]
    private partial void LogLeaseHeld(int editionId);
}
