using System.Globalization;

namespace Gaceta.Importing;

/// <summary>What happened to one item of an import.</summary>
public enum ImportOutcome
{
    Created,
    Updated,

    /// <summary>Imported before, and the same in the export now.</summary>
    Unchanged,

    /// <summary>Left out on purpose; <see cref="ImportedEntry.Notes"/> says why.</summary>
    Skipped,

    /// <summary>Could not be imported; <see cref="ImportedEntry.Notes"/> says why. Nothing of it was written.</summary>
    Invalid,
}

/// <param name="Source">Where in the export: such as <c>post 42</c>.</param>
/// <param name="Notes">Reasons, and what of the item was not kept (a shortcode removed, an embed made a link).</param>
public sealed record ImportedEntry(string Source, string Title, ImportOutcome Outcome, int? StoryId, IReadOnlyList<string> Notes);

/// <summary>An import's result: one entry per item, and what the export held that Gaceta does not model.</summary>
/// <param name="FileError">Why the file could not be read to its end, if it could not; the entries before it stand.</param>
public sealed record ImportReport(IReadOnlyList<ImportedEntry> Entries, IReadOnlyList<string> NotModelled, string? FileError, bool DryRun)
{
    public int Count(ImportOutcome outcome) => Entries.Count(e => e.Outcome == outcome);

    public bool Failed => FileError is not null || Count(ImportOutcome.Invalid) > 0;

    public string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Count(ImportOutcome.Created)} created · {Count(ImportOutcome.Updated)} updated · {Count(ImportOutcome.Unchanged)} unchanged · {Count(ImportOutcome.Skipped)} skipped · {Count(ImportOutcome.Invalid)} invalid{(DryRun ? " (dry run: nothing was written)" : string.Empty)}");
}
