using Gaceta.Newsletters;
using Gaceta.Web.Infrastructure.Background;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Newsletters;

/// <summary>
/// The web host's newsletter sender: every ten seconds it starts scheduled editions that are due and sends what
/// is claimable. A stop of the host lets the messages in flight finish and hands the rest back. Off when
/// <see cref="SendingOptions.InWebHost"/> is.
/// </summary>
internal sealed partial class EditionSendingService(
    IServiceScopeFactory scopes,
    EditionSender sender,
    IOptions<SendingOptions> options,
    TimeProvider time,
    ClusterLeases leases,
    ILogger<EditionSendingService> logger) : PeriodicWork(time, logger, leases)
{
    protected override string LeaseName => "edition-sending";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(10);

    protected override bool Enabled => options.Value.InWebHost;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
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
}
