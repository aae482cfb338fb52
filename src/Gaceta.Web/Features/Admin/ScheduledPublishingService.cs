using Gaceta.Articles;
using Gaceta.Web.Infrastructure.Caching;

namespace Gaceta.Web.Features.Admin;

/// <summary>
/// Publishes scheduled articles when their time comes, checking every <see cref="Interval"/> on the host's clock,
/// and evicts the reader pages they appear on.
/// </summary>
internal sealed partial class ScheduledPublishingService(
    IServiceScopeFactory scopes,
    ReaderCacheInvalidator cache,
    TimeProvider time,
    ILogger<ScheduledPublishingService> logger) : BackgroundService
{
    /// <summary>How late a scheduled article may appear, at most.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await PublishDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; a database that is briefly away must not end scheduling for good.
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Publishes what is due now. Public for tests and for operators' one-off runs.</summary>
    public async Task PublishDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var changes = await scope.ServiceProvider.GetRequiredService<PublishScheduledArticles.Handler>().HandleAsync(cancellationToken);
        foreach (var change in changes)
        {
            await cache.ChangedAsync(change, cancellationToken);
            LogPublished(change.StoryId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published story {StoryId} as scheduled.")]
    private partial void LogPublished(int storyId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled publishing failed; retrying at the next tick.")]
    private partial void LogFailed(Exception exception);
}
