using System.Threading.Channels;
using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Gaceta.Mail;

/// <summary>Queues rendered messages in the database, in the caller's unit of work.</summary>
public sealed class MailOutbox(GacetaDb db, TimeProvider time, MailOutboxSignal signal)
{
    /// <summary>Adds the message to the outbox; it is queued when the caller saves its changes.</summary>
    public void Enqueue(MimeMessage message, string purpose)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        var now = time.GetUtcNow().UtcDateTime;
        db.OutboundMails.Add(new OutboundMail
        {
            Recipient = string.Join(", ", message.To.Mailboxes.Select(m => m.Address)),
            Purpose = purpose,
            Message = buffer.ToArray(),
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>Wakes the sender after the queued messages are saved.</summary>
    public void Notify() => signal.Notify();
}

/// <summary>Tells the outbox sender that new mail is waiting, so it need not wait for its next round.</summary>
public sealed class MailOutboxSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Returns when notified or when <paramref name="timeout"/> has passed, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The pause is over without news.
        }
    }
}

/// <summary>
/// Sends what the outbox holds. Each message is claimed for a while before it is sent, so several nodes can
/// run senders without sending one message twice; a claim left by a crashed node runs out and is taken over.
/// Temporary failures are retried with growing pauses; permanent ones, or too many tries, end the message.
/// </summary>
public sealed partial class MailOutboxSender(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<MailOptions> options,
    ILogger<MailOutboxSender> logger)
{
    public const int MaxAttempts = 8;
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    /// <summary>The lease in <see cref="WorkLeases"/> of the node that purges.</summary>
    public const string RetentionLease = "mail-retention";

    /// <summary>
    /// Deletes messages sent or finally failed more than <see cref="MailOptions.KeepSentDays"/> ago: what was
    /// mailed to whom is not kept longer than needed to answer for it. Runs at most once an hour per process, and
    /// on one node of a cluster at a time: the node holding the hour's lease (<see cref="RetentionLease"/>).
    /// </summary>
    /// <returns>How many messages were purged.</returns>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastPurge < PurgeEvery)
        {
            return 0;
        }

        _lastPurge = now;
        var before = now.UtcDateTime.AddDays(-options.Value.KeepSentDays);
        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<WorkLeases>().TryHoldAsync(RetentionLease, WorkLeases.ThisNode, PurgeEvery, cancellationToken))
        {
            return 0;
        }

        var db = scope.ServiceProvider.GetRequiredService<GacetaDb>();
        return await db.OutboundMails.Where(m => m.SentAt < before || m.FailedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    /// <returns>How many messages were sent.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GacetaDb>();
            var now = time.GetUtcNow().UtcDateTime;
            var due = await db.OutboundMails
                .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.Id)
                .Select(m => m.Id)
                .Take(20)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return sent;
            }

            foreach (var id in due)
            {
                var until = now + ClaimFor;
                var claimed = await db.OutboundMails
                    .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until), cancellationToken);
                if (claimed == 1 && await SendOneAsync(db, id, cancellationToken))
                {
                    sent++;
                }
            }
        }

        return sent;
    }

    private async Task<bool> SendOneAsync(GacetaDb db, long id, CancellationToken cancellationToken)
    {
        var mail = await db.OutboundMails.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        using var stream = new MemoryStream(mail.Message);
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        try
        {
            await transport.SendAsync(message, cancellationToken);
            var sentAt = time.GetUtcNow().UtcDateTime;
            await db.OutboundMails.Where(m => m.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.Attempts, mail.Attempts + 1).SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                CancellationToken.None);
            return true;
        }
        catch (MailDeliveryException e)
        {
            var attempts = mail.Attempts + 1;
            var now = time.GetUtcNow().UtcDateTime;
            var final = e.IsPermanent || attempts >= MaxAttempts;
            var retryAt = now + TimeSpan.FromSeconds(Math.Min(3600, 15 * Math.Pow(2, attempts - 1)));
            var error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            await db.OutboundMails.Where(m => m.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.NextAttemptAt, retryAt)
                    .SetProperty(m => m.FailedAt, final ? now : null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null),
                CancellationToken.None);
            LogFailed(id, mail.Purpose, attempts, final, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Id} ({Purpose}) failed on attempt {Attempts}; final: {Final}. {Error}")]
    private partial void LogFailed(long id, string purpose, int attempts, bool final, string error);
}
