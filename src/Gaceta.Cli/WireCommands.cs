using System.Globalization;
using Gaceta.Audit;
using Gaceta.Staff;
using Gaceta.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Cli;

/// <summary>
/// <c>gaceta wire import &lt;file-or-folder&gt; [--section slug]</c>: IPTC ninjs items (a file holds one item or
/// an array; a folder's <c>*.json</c> files are read in name order) become draft stories, with a progress bar
/// and a line for every item that was not imported.
/// </summary>
internal static class WireCommands
{
    private static readonly Actor CommandLine = new("cli", "Command line (wire import)", StaffRoles.Editor);

    public static async Task<int> ImportAsync(string path, string? section, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path] : [];
        if (files.Count == 0)
        {
            await terminal.Error.WriteLineAsync($"No ninjs file at {path} (give a .json file or a folder of them).");
            return Commands.Failed;
        }

        await using var scope = services.CreateAsyncScope();
        var wire = scope.ServiceProvider.GetRequiredService<ImportWire.Handler>();
        var sections = scope.ServiceProvider.GetRequiredService<FindWireSection.Handler>();
        if (await sections.HandleAsync(new FindWireSection.Query(section), cancellationToken) is not { } sectionId)
        {
            await terminal.Error.WriteLineAsync(section is null ? "The site has no section yet to put wire stories in." : $"No section has the slug '{section}'.");
            return Commands.Failed;
        }

        var bar = new ProgressBar(terminal);
        var results = new List<ImportWire.ItemResult>();
        var done = 0;
        foreach (var file in files)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var json = await File.ReadAllTextAsync(file, CancellationToken.None);
            // An item in progress is finished even after Ctrl+C: each is written whole or not at all.
            results.AddRange(await wire.HandleAsync(new ImportWire.Command(json, Path.GetFileName(file), sectionId, CommandLine), CancellationToken.None));
            done++;
            bar.Show(done, files.Count, Counts(results));
        }

        if (terminal.Interactive)
        {
            await terminal.Out.WriteLineAsync();
        }

        foreach (var result in results.Where(r => r.Outcome is ImportWire.Outcome.Invalid or ImportWire.Outcome.Skipped))
        {
            await terminal.Error.WriteLineAsync($"{result.Source} {result.Uri ?? "(no uri)"}: {result.Outcome.ToString().ToLowerInvariant()}: {string.Join("; ", result.Errors)}");
        }

        await terminal.Out.WriteLineAsync(Counts(results));
        return results.Any(r => r.Outcome == ImportWire.Outcome.Invalid) ? Commands.Failed : Commands.Ok;
    }

    private static string Counts(List<ImportWire.ItemResult> results) => string.Create(
        CultureInfo.InvariantCulture,
        $"{Count(results, ImportWire.Outcome.Created)} created · {Count(results, ImportWire.Outcome.Updated)} updated · {Count(results, ImportWire.Outcome.Unchanged)} unchanged · {Count(results, ImportWire.Outcome.Skipped)} skipped · {Count(results, ImportWire.Outcome.Invalid)} invalid");

    private static int Count(List<ImportWire.ItemResult> results, ImportWire.Outcome outcome) => results.Count(r => r.Outcome == outcome);
}
