using Gaceta.Audit;
using Gaceta.Importing;
using Gaceta.Importing.WordPress;
using Gaceta.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Cli;

/// <summary>
/// <c>gaceta import wordpress &lt;export.xml&gt; [--uploads &lt;folder&gt;] [--dry-run]</c>: a WordPress export read a piece at a time, with a
/// progress bar, then a report: a line for every post not imported as it was (skipped, invalid, or with something
/// left out) and the counts.
/// </summary>
internal static class ImportCommands
{
    private static readonly Actor CommandLine = new("cli", "Command line (import)", StaffRoles.Editor);

    public static async Task<int> WordPressAsync(string path, string[] options, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        var dryRun = false;
        string? uploads = null;
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--uploads" when i + 1 < options.Length:
                    uploads = options[++i];
                    break;
                default:
                    await terminal.Error.WriteLineAsync($"Unknown option {options[i]}: the options are --uploads <folder> and --dry-run.");
                    return Commands.Usage;
            }
        }

        if (uploads is not null && !Directory.Exists(uploads))
        {
            await terminal.Error.WriteLineAsync($"No folder at {uploads}: give a copy of the site's wp-content/uploads.");
            return Commands.Failed;
        }

        if (!File.Exists(path))
        {
            await terminal.Error.WriteLineAsync($"No file at {path}: give the .xml file WordPress's Tools → Export wrote.");
            return Commands.Failed;
        }

        await using var scope = services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportWordPress.Handler>();
        await using var file = File.OpenRead(path);
        var bar = new ProgressBar(terminal);
        var report = await import.HandleAsync(new ImportWordPress.Command(file, dryRun, CommandLine, new SynchronousProgress(bar, file.Length), uploads, path), cancellationToken);
        if (terminal.Interactive)
        {
            await terminal.Out.WriteLineAsync();
        }

        await WriteReportAsync(report, terminal);
        return report.Failed ? Commands.Failed : Commands.Ok;
    }

    /// <summary>The report as an operator reads it: what needs a look first, the counts last.</summary>
    internal static async Task WriteReportAsync(ImportReport report, Terminal terminal)
    {
        foreach (var line in ImportRuns.Lines(report))
        {
            await terminal.Out.WriteLineAsync(line);
        }

        if (report.FileError is { } error)
        {
            await terminal.Error.WriteLineAsync(error);
        }

        await terminal.Out.WriteLineAsync(report.Summary());
    }

    /// <summary>Redraws the bar on the importing thread: <see cref="Progress{T}"/> would post to the thread pool.</summary>
    private sealed class SynchronousProgress(ProgressBar bar, long total) : IProgress<double>
    {
        public void Report(double value) => bar.Show((long)(value * total), total, "bytes read");
    }
}
