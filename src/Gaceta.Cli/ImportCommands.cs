using Gaceta.Audit;
using Gaceta.Importing;
using Gaceta.Importing.Ghost;
using Gaceta.Importing.Members;
using Gaceta.Importing.WordPress;
using Gaceta.Site;
using Gaceta.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Cli;

/// <summary>
/// <c>gaceta import wordpress|ghost|mailchimp</c>: another system's export read with a progress bar, then a report:
/// a line for every item not imported as it was (skipped, invalid, or with something left out) and the counts.
/// </summary>
internal static class ImportCommands
{
    private static readonly Actor CommandLine = new("cli", "Command line (import)", StaffRoles.Editor);

    public static async Task<int> WordPressAsync(string path, string[] options, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        var dryRun = false;
        var fetch = false;
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
                case "--fetch-media":
                    fetch = true;
                    break;
                default:
                    await terminal.Error.WriteLineAsync($"Unknown option {options[i]}: the options are --uploads <folder>, --fetch-media and --dry-run.");
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
        var report = await import.HandleAsync(new ImportWordPress.Command(file, dryRun, CommandLine, new SynchronousProgress(bar, file.Length, "bytes read"), uploads, path, fetch), cancellationToken);
        await EndBarAsync(terminal);

        await WriteReportAsync(report, terminal);
        return report.Failed ? Commands.Failed : Commands.Ok;
    }

    /// <summary>
    /// <c>gaceta import ghost &lt;export.json&gt; [--images &lt;folder&gt;] [--language &lt;code&gt;] [--members &lt;members.csv&gt;
    /// --newsletter &lt;key&gt; [--confirm-unproven]] [--dry-run]</c>.
    /// </summary>
    public static async Task<int> GhostAsync(string path, string[] args, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        if (!Commands.TryParseOptions(args, ["images", "language", "members", "newsletter"], ["confirm-unproven", "dry-run"], out var options, out var problem))
        {
            await terminal.Error.WriteLineAsync(problem);
            return Commands.Usage;
        }

        if (options.ContainsKey("members") != options.ContainsKey("newsletter"))
        {
            await terminal.Error.WriteLineAsync("--members and --newsletter go together: the members join the newsletter with that key.");
            return Commands.Usage;
        }

        if (options.GetValueOrDefault("images") is { } images && !Directory.Exists(images))
        {
            await terminal.Error.WriteLineAsync($"No folder at {images}: give a copy of the site's content/images.");
            return Commands.Failed;
        }

        if (!File.Exists(path) || (options.GetValueOrDefault("members") is { } members && !File.Exists(members)))
        {
            await terminal.Error.WriteLineAsync($"No file at {(File.Exists(path) ? options["members"] : path)}: give the .json file Ghost's Settings → Labs → Export wrote, and the members .csv from Members → Export.");
            return Commands.Failed;
        }

        await using var scope = services.CreateAsyncScope();
        var dryRun = options.ContainsKey("dry-run");
        if (await LanguageAsync(options, scope.ServiceProvider, terminal) is not { } language)
        {
            return Commands.Usage;
        }

        ImportReport report;
        await using (var file = File.OpenRead(path))
        {
            var bar = new ProgressBar(terminal);
            report = await scope.ServiceProvider.GetRequiredService<ImportGhost.Handler>().HandleAsync(
                new ImportGhost.Command(file, dryRun, CommandLine, options.GetValueOrDefault("images"), language, path, new SynchronousProgress(bar, 100, "% of posts")),
                cancellationToken);
        }

        await EndBarAsync(terminal);
        await WriteReportAsync(report, terminal);
        var failed = report.Failed;
        if (options.GetValueOrDefault("members") is { } csv && report.FileError is null)
        {
            var memberFile = GhostMembersExport.Read(csv, await File.ReadAllBytesAsync(csv, cancellationToken));
            failed |= await MembersAsync(ImportMembersSource.Ghost, [memberFile], options, language, scope.ServiceProvider, terminal, cancellationToken);
        }

        return failed ? Commands.Failed : Commands.Ok;
    }

    /// <summary>
    /// <c>gaceta import mailchimp &lt;csv&gt;... --newsletter &lt;key&gt; [--language-column &lt;name&gt;] [--language &lt;code&gt;]
    /// [--confirm-unproven] [--dry-run]</c>: the audience export's files, in any order.
    /// </summary>
    public static async Task<int> MailchimpAsync(string[] args, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        var paths = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (!Commands.TryParseOptions(args[paths.Count..], ["newsletter", "language", "language-column"], ["confirm-unproven", "dry-run"], out var options, out var problem))
        {
            await terminal.Error.WriteLineAsync(problem);
            return Commands.Usage;
        }

        if (paths.Count == 0 || !options.ContainsKey("newsletter"))
        {
            await terminal.Error.WriteLineAsync("Give the audience export's .csv files and --newsletter <key>: gaceta import mailchimp subscribed.csv unsubscribed.csv cleaned.csv --newsletter <key>.");
            return Commands.Usage;
        }

        if (paths.FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            await terminal.Error.WriteLineAsync($"No file at {missing}: give the .csv files of Mailchimp's audience export (unzipped).");
            return Commands.Failed;
        }

        await using var scope = services.CreateAsyncScope();
        if (await LanguageAsync(options, scope.ServiceProvider, terminal) is not { } language)
        {
            return Commands.Usage;
        }

        var languages = scope.ServiceProvider.GetRequiredService<SiteLanguages>();
        var files = new List<MemberFile>();
        foreach (var path in paths)
        {
            files.Add(MailchimpExport.Read(path, await File.ReadAllBytesAsync(path, cancellationToken), languages, options.GetValueOrDefault("language-column")));
        }

        return await MembersAsync(ImportMembersSource.Mailchimp, files, options, language, scope.ServiceProvider, terminal, cancellationToken) ? Commands.Failed : Commands.Ok;
    }

    /// <returns>Whether the import failed (a file refused, or a row invalid).</returns>
    private static async Task<bool> MembersAsync(
        (string Source, string Name) source, IReadOnlyList<MemberFile> files, Dictionary<string, string> options, string language, IServiceProvider services, Terminal terminal, CancellationToken cancellationToken)
    {
        // Opt-in addresses and suppressed ones are kept as keyed hashes: the installation's key is needed first.
        await KeyCommands.LoadInstallationKeysAsync(services, cancellationToken);
        var bar = new ProgressBar(terminal);
        var report = await services.GetRequiredService<ImportMembers.Handler>().HandleAsync(
            new ImportMembers.Command(source.Source, source.Name, files, options["newsletter"], options.ContainsKey("confirm-unproven"), options.ContainsKey("dry-run"), CommandLine, language,
                new SynchronousProgress(bar, 100, "% of readers")),
            cancellationToken);
        await EndBarAsync(terminal);
        await WriteReportAsync(report, terminal);
        return report.Failed;
    }

    /// <summary>The language of whatever the export does not say, from <c>--language</c> or the site's first.</summary>
    private static async Task<string?> LanguageAsync(Dictionary<string, string> options, IServiceProvider services, Terminal terminal)
    {
        var languages = services.GetRequiredService<SiteLanguages>();
        if (options.GetValueOrDefault("language") is not { } language)
        {
            return languages.Default.Code;
        }

        if (languages.IsSupported(language))
        {
            return language;
        }

        await terminal.Error.WriteLineAsync($"--language must be one of the site's languages: {string.Join(", ", languages.All.Select(l => l.Code))}.");
        return null;
    }

    private static async Task EndBarAsync(Terminal terminal)
    {
        if (terminal.Interactive)
        {
            await terminal.Out.WriteLineAsync();
        }
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
    private sealed class SynchronousProgress(ProgressBar bar, long total, string unit) : IProgress<double>
    {
        public void Report(double value) => bar.Show((long)(value * total), total, unit);
    }

    /// <summary>The member sources, as stored and as named to people.</summary>
    private static class ImportMembersSource
    {
        public static readonly (string, string) Ghost = ("ghost-members", "Ghost");
        public static readonly (string, string) Mailchimp = ("mailchimp", "Mailchimp");
    }
}
