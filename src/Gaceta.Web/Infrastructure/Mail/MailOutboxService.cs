using Gaceta.Mail;

namespace Gaceta.Web.Infrastructure.Mail;

/// <summary>
/// Sends queued mail in the background: at once when told, and every few seconds in any case; purges what was
/// sent long ago.
/// </summary>
internal sealed partial class MailOutboxService(MailOutboxSender sender, MailOutboxSignal signal, ILogger<MailOutboxService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sender.SendDueAsync(stoppingToken);
                await sender.PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database hiccup must not end the sender; the next round tries again.
                LogRoundFailed(e);
            }

            try
            {
                await signal.WaitAsync(Pause, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending queued mail failed; retrying shortly.")]
    private partial void LogRoundFailed(Exception exception);
}
