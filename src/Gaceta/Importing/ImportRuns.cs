using System.Text;
using Gaceta.Audit;
using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Importing;

/// <summary>Past imports, for the staff area: each run's counts and the lines of its report that need a look.</summary>
public static class ImportRuns
{
    /// <summary>
    /// The lines an operator reads first: posts not imported as they were, then what the export held that Gaceta
    /// does not model. The file's own error is kept apart (<see cref="ImportReport.FileError"/>).
    /// </summary>
    public static IEnumerable<string> Lines(ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var entry in report.Entries.Where(e => e.Outcome is ImportOutcome.Invalid or ImportOutcome.Skipped || e.Notes.Count > 0))
        {
            var title = entry.Title.Length > 0 ? $" \"{entry.Title}\"" : string.Empty;
            yield return $"{entry.Source}{title}: {entry.Outcome.ToString().ToLowerInvariant()}{(entry.StoryId is { } id ? $" (story {id})" : string.Empty)}";
            foreach (var note in entry.Notes)
            {
                yield return "    " + note;
            }
        }

        foreach (var line in report.NotModelled)
        {
            yield return line;
        }
    }

    /// <summary>
    /// Runs an import on one connection for its whole length (<see cref="ImportSession"/>) and keeps the finished run.
    /// </summary>
    /// <param name="import">The import itself: its report, and the exporting site when the file named one.</param>
    public static async Task<ImportReport> RunAsync(
        GacetaDb db, Site.SiteClock clock, string source, string fileName, Actor actor, Func<Task<(ImportReport Report, string? Site)>> import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(import);
        var startedAt = clock.UtcNow;
        (ImportReport Report, string? Site) result;
        await using (await ImportSession.OpenAsync(db, cancellationToken))
        {
            result = await import();
        }

        await RecordAsync(db, result.Report, source, result.Site, fileName, actor, startedAt, clock.UtcNow, cancellationToken);
        return result.Report;
    }

    /// <summary>Keeps a finished run (a dry run is not kept: it wrote nothing).</summary>
    private static async Task RecordAsync(GacetaDb db, ImportReport report, string source, string? site, string fileName, Actor actor, DateTime startedAt, DateTime finishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        if (report.DryRun)
        {
            return;
        }

        var lines = new StringBuilder();
        foreach (var line in Lines(report))
        {
            // A report of a huge archive keeps its first megabyte of lines; the counts are always whole.
            if (lines.Length + line.Length > 1_000_000)
            {
                lines.AppendLine("…");
                break;
            }

            lines.AppendLine(line);
        }

        db.ChangeTracker.Clear();
        db.Add(new ImportRun
        {
            Source = source,
            Site = site,
            FileName = Path.GetFileName(fileName)[..Math.Min(Path.GetFileName(fileName).Length, 260)],
            ActorName = actor.Name,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Created = report.Count(ImportOutcome.Created),
            Updated = report.Count(ImportOutcome.Updated),
            Unchanged = report.Count(ImportOutcome.Unchanged),
            Skipped = report.Count(ImportOutcome.Skipped),
            Invalid = report.Count(ImportOutcome.Invalid),
            FileError = report.FileError?[..Math.Min(report.FileError.Length, 2000)],
            Report = lines.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>The past imports, newest first, without their reports.</summary>
public static class ListImportRuns
{
    public const int PageSize = 50;

    public sealed record Query(int Page);

    public sealed record Row(int Id, string Source, string? Site, string FileName, DateTime StartedAt, int Created, int Updated, int Unchanged, int Skipped, int Invalid, bool FileFailed);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            return await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
                .Skip((Math.Max(1, query.Page) - 1) * PageSize).Take(PageSize)
                .Select(r => new Row(r.Id, r.Source, r.Site, r.FileName, r.StartedAt, r.Created, r.Updated, r.Unchanged, r.Skipped, r.Invalid, r.FileError != null))
                .ToListAsync(cancellationToken);
        }
    }
}

/// <summary>One past import with its report.</summary>
public static class ReadImportRun
{
    public sealed record Query(int Id);

    public sealed class Handler(GacetaDb db)
    {
        public Task<ImportRun?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            return db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.Id, cancellationToken);
        }
    }
}
