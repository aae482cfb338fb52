using Gaceta.Articles;
using Gaceta.Web.Infrastructure.Background;

namespace Gaceta.Web.Features.Admin;

/// <summary>
/// Publishes scheduled articles when their time comes, checking every <see cref="Every"/> on the host's clock,
/// and logs each; the reader pages they appear on are evicted through the change feed.
/// </summary>
internal sealed partial class ScheduledPublishingService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    ClusterLeases leases,
    ILogger<ScheduledPublishingService> logger) : PeriodicWork(time, logger, leases)
{
    /// <summary>How late a scheduled article may appear, at most.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    protected override string LeaseName => "scheduled-publishing";

    protected override TimeSpan Interval => Every;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var changes = await scope.ServiceProvider.GetRequiredService<PublishScheduledArticles.Handler>().HandleAsync(stoppingToken);
        foreach (var change in changes)
        {
            LogPublished(change.StoryId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published story {StoryId} as scheduled.")]
    private partial void LogPublished(int storyId);
}
