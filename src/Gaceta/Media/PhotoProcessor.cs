using NetVips;

namespace Gaceta.Media;

/// <summary>
/// Reads and renders photos with libvips, which streams through an image instead of holding the decoded bitmap.
/// Only the loaders of the allowed formats are enabled. Every copy it renders is turned upright, converted to
/// sRGB and saved with no metadata at all (EXIF with GPS and serial numbers, IPTC, XMP, ICC).
/// </summary>
public static class PhotoProcessor
{
    private static readonly string[] AllowedLoaders =
    [
        "VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadHeif", "VipsForeignLoadGif",
        "VipsForeignLoadNsgif",
    ];

    static PhotoProcessor()
    {
        // Nothing but the allowed formats' loaders may read an upload, whatever its bytes claim to be.
        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in AllowedLoaders)
        {
            Operation.Block(loader, false);
        }

        // Renders are cached on disk by the caller; libvips' own operation cache would only hold memory.
        Cache.Max = 0;

        NativeMemoryTuning.Apply();
    }

    /// <summary>Whether the C allocator was told to hand memory back (<see cref="NativeMemoryTuning"/>).</summary>
    public static bool NativeMemoryTuned => NativeMemoryTuning.Applied;

    /// <summary>The size and frame count from the file's header, without decoding a pixel.</summary>
    /// <exception cref="VipsException">The file is not a readable image.</exception>
    public static ImageHeader Probe(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var source = Source.NewFromMemory(bytes);
        using var image = Image.NewFromSource(source, access: Enums.Access.Sequential);
        var orientation = image.Contains("orientation") ? Convert.ToInt32(image.Get("orientation"), System.Globalization.CultureInfo.InvariantCulture) : 1;
        var pages = image.Contains("n-pages") ? Convert.ToInt32(image.Get("n-pages"), System.Globalization.CultureInfo.InvariantCulture) : 1;
        var upright = orientation is >= 5 and <= 8;
        return new ImageHeader(upright ? image.Height : image.Width, upright ? image.Width : image.Height, pages);
    }

    /// <summary>Decodes every pixel once to find a truncated or corrupt file before it is accepted.</summary>
    /// <exception cref="VipsException">The pixels cannot be decoded.</exception>
    public static void Verify(byte[] bytes)
    {
        // Every pixel at full size, streamed top to bottom: a shrinking decode would skip the damaged part.
        using var source = Source.NewFromMemory(bytes);
        using var image = Image.NewFromSource(source, access: Enums.Access.Sequential, failOn: Enums.FailOn.Truncated);
        _ = image.Avg();
    }

    /// <summary>A copy <paramref name="width"/> pixels wide at most, in <paramref name="format"/>, without metadata.</summary>
    public static byte[] Render(byte[] original, int width, VariantFormat format)
    {
        ArgumentNullException.ThrowIfNull(original);
        // The height is left free (a bound no photo reaches): copies are as wide as asked, whatever their shape.
        using var source = Source.NewFromMemory(original);
        using var copy = Image.ThumbnailSource(source, width, height: 100_000, size: Enums.Size.Down, outputProfile: "srgb", failOn: Enums.FailOn.Error);
        return format switch
        {
            VariantFormat.Avif => copy.HeifsaveBuffer(q: 55, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.None),
            VariantFormat.Webp => copy.WebpsaveBuffer(q: 80, effort: 4, keep: Enums.ForeignKeep.None),
            _ => SaveJpeg(copy),
        };
    }

    /// <summary>
    /// A <paramref name="width"/>×<paramref name="height"/> JPEG that covers the frame, centred on the focal point
    /// (<paramref name="focalX"/>, <paramref name="focalY"/> as fractions of the upright photo), without metadata.
    /// </summary>
    public static byte[] RenderCrop(byte[] original, int uprightWidth, int uprightHeight, int width, int height, double focalX, double focalY)
    {
        ArgumentNullException.ThrowIfNull(original);
        var scale = Math.Max((double)width / uprightWidth, (double)height / uprightHeight);
        var scaledWidth = Math.Max(width, (int)Math.Ceiling(uprightWidth * scale));
        using var source = Source.NewFromMemory(original);
        using var scaled = Image.ThumbnailSource(source, scaledWidth, height: 100_000, size: Enums.Size.Both, outputProfile: "srgb", failOn: Enums.FailOn.Error);
        var left = Math.Clamp((int)Math.Round((focalX * scaled.Width) - (width / 2.0)), 0, Math.Max(0, scaled.Width - width));
        var top = Math.Clamp((int)Math.Round((focalY * scaled.Height) - (height / 2.0)), 0, Math.Max(0, scaled.Height - height));
        using var card = scaled.Crop(left, top, Math.Min(width, scaled.Width), Math.Min(height, scaled.Height));
        return SaveJpeg(card);
    }

    /// <summary>Progressive JPEG on white (for photos with transparency), with no metadata.</summary>
    private static byte[] SaveJpeg(Image image) =>
        image.JpegsaveBuffer(q: 82, interlace: true, optimizeCoding: true, keep: Enums.ForeignKeep.None, background: [255, 255, 255]);
}

/// <param name="Width">Pixels across once turned upright.</param>
/// <param name="Pages">Frames: more than one is an animation.</param>
public sealed record ImageHeader(int Width, int Height, int Pages);

/// <summary>The formats readers are served: AVIF and WebP where the browser takes them, JPEG for everyone.</summary>
public enum VariantFormat
{
    Jpeg,
    Webp,
    Avif,
}
