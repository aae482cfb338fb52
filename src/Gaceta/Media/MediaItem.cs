namespace Gaceta.Media;

/// <summary>
/// A photo in the library: its original (kept for staff only, in the database so every node sees it), its size,
/// and what readers are told about it in each language. Served copies are made from the original and carry no
/// metadata.
/// </summary>
public sealed class MediaItem
{
    public int Id { get; set; }

    /// <summary>SHA-256 of the original, lower-case hex: the served copies' addresses are built on it.</summary>
    public required string Hash { get; set; }

    /// <summary>The name the file was uploaded under, for finding it again.</summary>
    public required string FileName { get; set; }

    public ImageFormat Format { get; set; }

    /// <summary>Pixels, after orientation is applied.</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    public long ByteCount { get; set; }

    public string? Credit { get; set; }

    /// <summary>Where crops centre, as fractions of the width and height; the middle when null.</summary>
    public double? FocalX { get; set; }

    public double? FocalY { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedById { get; set; }

    public List<MediaText> Texts { get; set; } = [];

    public MediaOriginal? Original { get; set; }

    public MediaText? TextIn(string language) => Texts.FirstOrDefault(t => t.Language == language);

    /// <summary>The <see cref="Hash"/> of an original's bytes.</summary>
    public static string HashOf(ReadOnlySpan<byte> original) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(original));
}

/// <summary>Alternative text and caption in one language.</summary>
public sealed class MediaText
{
    public required string Language { get; set; }

    public string Alt { get; set; } = string.Empty;

    public string? Caption { get; set; }
}

/// <summary>The uploaded bytes as they came, metadata included: never served to readers.</summary>
public sealed class MediaOriginal
{
    public int MediaItemId { get; set; }

    public required byte[] Bytes { get; set; }
}

/// <summary>The formats a photo may be uploaded in, judged from its content.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Webp,
    Avif,
    Gif,
}
