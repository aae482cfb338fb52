namespace Gaceta.Importing;

/// <summary>One import as it ended, for the staff area's list of past imports: its counts and what needs a look.</summary>
public sealed class ImportRun
{
    public int Id { get; set; }

    /// <summary>The other system, such as <c>wordpress</c>.</summary>
    public required string Source { get; set; }

    /// <summary>The exporting site, when the file was read far enough to know it.</summary>
    public string? Site { get; set; }

    public required string FileName { get; set; }

    public required string ActorName { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime FinishedAt { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Skipped { get; set; }

    public int Invalid { get; set; }

    public string? FileError { get; set; }

    /// <summary>The report's lines that need a look (skipped, invalid, or with something left out), one per line.</summary>
    public required string Report { get; set; }
}
