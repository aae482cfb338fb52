using Gaceta.Subscribers;
using Gaceta.Web.Infrastructure.Background;

namespace Gaceta.Web.Features.Subscribers;

/// <summary>
/// Mails the confirmations an import asked for (<c>gaceta import … --confirm-unproven</c>): the command line records
/// the request, and the site, which writes mails in every reader's language, queues them here.
/// </summary>
internal sealed partial class RequestedConfirmationsService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    ClusterLeases leases,
    ILogger<RequestedConfirmationsService> logger) : PeriodicWork(time, logger, leases)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    protected override string LeaseName => "requested-confirmations";

    protected override TimeSpan Interval => Every;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        int queued;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            queued = await scope.ServiceProvider.GetRequiredService<SendRequestedConfirmations.Handler>().HandleAsync(stoppingToken);
            if (queued > 0)
            {
                LogQueued(queued);
            }
        }
        while (queued == SendRequestedConfirmations.BatchSize);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} confirmation mails an import asked for.")]
    private partial void LogQueued(int count);
}
