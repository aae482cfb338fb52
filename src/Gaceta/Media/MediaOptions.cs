using System.ComponentModel.DataAnnotations;

namespace Gaceta.Media;

/// <summary>Settings <c>Media</c>: where served copies are cached and how big an upload may be.</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>
    /// The folder where this node caches the copies it serves. Originals live in the database, so every node can
    /// make any copy; the folder is a cache and may be emptied at any time.
    /// </summary>
    [Required]
    public string Path { get; set; } = "data/media";

    [Range(1, 200)]
    public int MaxUploadMegabytes { get; set; } = 30;

    /// <summary>Checked from the file's header, before any pixel is decoded, so a decompression bomb costs nothing.</summary>
    [Range(1, 500)]
    public int MaxMegapixels { get; set; } = 100;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}
