using Gaceta.Newsletters;

namespace Gaceta.Web.Features.Newsletters;

/// <summary>
/// The web host's newsletter sender: every <see cref="Interval"/> it starts scheduled editions that are due and
/// sends what is claimable. A stop of the host lets the messages in flight finish and hands the rest back.
/// </summary>
internal sealed partial class EditionSendingService(
    IServiceScopeFactory scopes,
    EditionSender sender,
    Microsoft.Extensions.Options.IOptions<SendingOptions> options,
    TimeProvider time,
    ILogger<EditionSendingService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.InWebHost)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again: a database or relay briefly away must not end sending for good.
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Starts what is due and sends what is claimable now.</summary>
    public async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<int> sending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            sending = await scope.ServiceProvider.GetRequiredService<DueEditions.Handler>().HandleAsync(stoppingToken);
        }

        foreach (var editionId in sending)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            var progress = await sender.SendAsync(editionId, null, stoppingToken);
            LogProgress(editionId, progress.Sent, progress.Failed, progress.Excluded, progress.Recipients);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Edition {EditionId}: {Sent} sent, {Failed} failed, {Excluded} excluded of {Recipients}.")]
    private partial void LogProgress(int editionId, int sent, int failed, int excluded, int recipients);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending editions failed; retrying at the next tick.")]
    private partial void LogFailed(Exception exception);
}
