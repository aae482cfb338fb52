using System.Globalization;
using Microsoft.Extensions.Options;

namespace Gaceta.Media;

/// <summary>
/// This node's folder of served copies (<c>Media:Path</c>): one folder per original, one file per copy. It is a
/// cache: every copy can be made again from the original in the database, so the folder may be emptied at any time.
/// </summary>
public sealed class MediaCache(IOptions<MediaOptions> options)
{
    private readonly string _root = Path.GetFullPath(options.Value.Path);

    /// <summary>Where one original's copies are kept.</summary>
    public string FolderFor(string hash) => Path.Combine(_root, hash[..2], hash);

    /// <summary>Where a copy is kept, whether it has been made yet or not.</summary>
    public string FileFor(ReadMediaVariant.Query copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return Path.Combine(
            FolderFor(copy.Hash),
            copy.Social ? "social.jpg" : string.Create(CultureInfo.InvariantCulture, $"{copy.Width}.{MediaVariants.Extension(copy.Format)}"));
    }

    /// <summary>The copy's file when it is already made, else null.</summary>
    public string? Find(ReadMediaVariant.Query copy)
    {
        var file = FileFor(copy);
        return File.Exists(file) ? file : null;
    }

    public static string ContentTypeOf(ReadMediaVariant.Query copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return MediaVariants.ContentType(copy.Social ? VariantFormat.Jpeg : copy.Format);
    }
}
