namespace Gaceta.Web.Infrastructure.Background;

/// <summary>
/// Background work that runs at once and then every <see cref="Interval"/> on the host's clock (a
/// <see cref="TimeProvider"/>, so tests move it). A failed round is logged and the next tick tries again: a
/// database or relay briefly away must not end the work for good.
/// </summary>
internal abstract partial class PeriodicWork(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>False to leave the work off on this node.</summary>
    protected virtual bool Enabled => true;

    protected abstract Task RunOnceAsync(CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
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
                LogFailed(logger, GetType().Name, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Work} failed; retrying at the next tick.")]
    private static partial void LogFailed(ILogger logger, string work, Exception exception);
}
