using System.Globalization;
using Gaceta.Data;
using Gaceta.Newsletters;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Cli;

/// <summary><c>gaceta editions send|status &lt;id&gt;</c>: the newsletter sender run by hand, and its progress.</summary>
internal static class EditionCommands
{
    /// <summary>Exit code when a stop came before every delivery reached a final state.</summary>
    public const int Stopped = 3;

    public static async Task<int> SendAsync(int editionId, bool includeOverdue, IServiceProvider services, Terminal terminal, CancellationToken stopping)
    {
        await LoadKeysAsync(services, stopping);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GacetaDb>();
            var edition = await db.Editions.FindAsync([editionId], stopping);
            if (edition is null)
            {
                await terminal.Error.WriteLineAsync($"There is no edition {editionId}.");
                return Commands.Failed;
            }

            if (edition.Status is EditionStatus.Draft or EditionStatus.Scheduled or EditionStatus.Overdue)
            {
                var started = await scope.ServiceProvider.GetRequiredService<StartEdition.Handler>().HandleAsync(editionId, null, includeOverdue, stopping);
                if (started.Outcome != StartEdition.Outcome.Started && edition.Status == EditionStatus.Overdue)
                {
                    await terminal.Error.WriteLineAsync($"Edition {editionId} is overdue: it was due long ago. Pass --include-overdue to send it anyway.");
                    return Commands.Failed;
                }
            }
        }

        var sender = services.GetRequiredService<EditionSender>();
        var bar = new ProgressBar(terminal);
        var progress = new Progress<EditionProgress>(p => Show(bar, p));
        EditionProgress last;
        while (true)
        {
            last = await sender.SendAsync(editionId, progress, stopping);
            if (last.IsFinished || stopping.IsCancellationRequested)
            {
                break;
            }

            // Retries wait for their time, and a dead sender's claims for their expiry.
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Show(bar, last);
        await terminal.Out.WriteLineAsync();
        await terminal.Out.WriteLineAsync(Summary(last));
        return last.IsFinished ? Commands.Ok : Stopped;
    }

    public static async Task<int> StatusAsync(int editionId, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GacetaDb>();
        if (await db.Editions.FindAsync([editionId], cancellationToken) is null)
        {
            await terminal.Error.WriteLineAsync($"There is no edition {editionId}.");
            return Commands.Failed;
        }

        var progress = await EditionSender.ProgressAsync(db, editionId, cancellationToken);
        Show(new ProgressBar(terminal), progress);
        await terminal.Out.WriteLineAsync();
        await terminal.Out.WriteLineAsync(Summary(progress));
        return Commands.Ok;
    }

    private static async Task LoadKeysAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await KeyCommands.LoadInstallationKeysAsync(scope.ServiceProvider, cancellationToken);
    }

    private static void Show(ProgressBar bar, EditionProgress p) =>
        bar.Show(p.Sent + p.Failed + p.Excluded, p.Recipients, string.Create(CultureInfo.InvariantCulture, $"{p.Failed:N0} failed · {p.Excluded:N0} excluded"));

    private static string Summary(EditionProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"edition {p.EditionId}: {p.Status}; {p.Recipients:N0} recipients, {p.Sent:N0} sent, {p.Failed:N0} failed, {p.Excluded:N0} excluded, {p.Pending:N0} to go");
}
