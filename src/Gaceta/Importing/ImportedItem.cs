namespace Gaceta.Importing;

/// <summary>
/// Which item of another system became which article here, so an import run again creates nothing twice: the
/// source (<c>wordpress</c>), the exporting site, and the item's id there.
/// </summary>
public sealed class ImportedItem
{
    public int Id { get; set; }

    public required string Source { get; set; }

    /// <summary>The exporting site's address, as its export names it.</summary>
    public required string Site { get; set; }

    public required string ExternalId { get; set; }

    public int StoryId { get; set; }

    public required string Language { get; set; }

    /// <summary>A hash of the item as last imported: the same again is unchanged.</summary>
    public required string ContentHash { get; set; }

    /// <summary>The article's version right after the import: a later one means the newsroom edited it here since.</summary>
    public int ArticleVersion { get; set; }

    public DateTime ImportedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
