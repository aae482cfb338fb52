namespace Gaceta.Web.Infrastructure.Background;

/// <summary>
/// Background work that runs at once and then every <see cref="Interval"/> on the host's clock (a
/// <see cref="TimeProvider"/>, so tests move it). A failed round is logged and the next tick tries again: a
/// database or relay briefly away must not end the work for good. Work with a <see cref="LeaseName"/> runs on one
/// node of the cluster at a time: each round first takes or renews its lease (<see cref="ClusterLeases"/>), and a
/// node without it skips the round; the lease outlives three rounds, so another node takes over that long
/// after its holder stops.
/// </summary>
internal abstract partial class PeriodicWork(TimeProvider time, ILogger logger, ClusterLeases? leases = null) : BackgroundService
{
    private bool _holding;

    protected abstract TimeSpan Interval { get; }

    /// <summary>The lease that keeps this work to one node at a time; null for work every node does.</summary>
    protected virtual string? LeaseName => null;

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
                if (await HoldsLeaseAsync(stoppingToken))
                {
                    await RunOnceAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, GetType().Name, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> HoldsLeaseAsync(CancellationToken stoppingToken)
    {
        if (LeaseName is not { } name || leases is null)
        {
            return true;
        }

        var holding = await leases.TryHoldAsync(name, Interval * 3, stoppingToken);
        if (holding != _holding)
        {
            LogLease(logger, GetType().Name, holding ? "runs" : "no longer runs");
            _holding = holding;
        }

        return holding;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This node {State} {Work}.")]
    private static partial void LogLease(ILogger logger, string work, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Work} failed; retrying at the next tick.")]
    private static partial void LogFailed(ILogger logger, string work, Exception exception);
}
