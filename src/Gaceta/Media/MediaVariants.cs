using System.Globalization;

namespace Gaceta.Media;

/// <summary>The copies readers are served: which widths exist, their addresses and their content types.</summary>
public static class MediaVariants
{
    /// <summary>The widths a <c>srcset</c> offers, from phones to large screens.</summary>
    public static readonly IReadOnlyList<int> Widths = [320, 640, 960, 1280, 1600, 2048];

    /// <summary>Social cards (Open Graph, Twitter): a 1200×630 crop around the focal point.</summary>
    public const int SocialWidth = 1200;

    public const int SocialHeight = 630;

    /// <summary>The card's address; like every copy, it names the original's content.</summary>
    public static string SocialPath(string hash) => $"/media/{hash}/social.jpg";

    /// <summary>The widths worth offering for a photo this wide: copies are never enlarged.</summary>
    public static IReadOnlyList<int> WidthsFor(int width)
    {
        var fitting = Widths.Where(w => w <= width).ToList();
        return fitting.Count > 0 ? fitting : [Widths[0]];
    }

    /// <summary>The width newsletters use.</summary>
    public const int NewsletterWidth = 600;

    /// <summary>Every width a copy may be asked for; any other is not found, so nobody makes the server render at will.</summary>
    public static bool IsAllowedWidth(int width) => width == NewsletterWidth || Widths.Contains(width);

    public static string Extension(VariantFormat format) => format switch
    {
        VariantFormat.Avif => "avif",
        VariantFormat.Webp => "webp",
        _ => "jpg",
    };

    public static string ContentType(VariantFormat format) => format switch
    {
        VariantFormat.Avif => "image/avif",
        VariantFormat.Webp => "image/webp",
        _ => "image/jpeg",
    };

    public static VariantFormat? FormatOf(string extension) => extension switch
    {
        "avif" => VariantFormat.Avif,
        "webp" => VariantFormat.Webp,
        "jpg" => VariantFormat.Jpeg,
        _ => null,
    };

    /// <summary>The immutable address of one copy: the original's hash names it, so a new photo is a new address.</summary>
    public static string Path(string hash, int width, VariantFormat format) =>
        string.Create(CultureInfo.InvariantCulture, $"/media/{hash}/{width}.{Extension(format)}");

    /// <summary>
    /// The copy an address names, from its last two segments (<c>{hash}/1280.webp</c>, <c>{hash}/social.jpg</c>),
    /// or null when it names none that is served: any other width or format is not found, so nobody can make the
    /// server render at will.
    /// </summary>
    public static ReadMediaVariant.Query? Parse(string hash, string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!IsHash(hash))
        {
            return null;
        }

        if (file == "social.jpg")
        {
            return new ReadMediaVariant.Query(hash, 0, VariantFormat.Jpeg, Social: true);
        }

        var dot = file.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
            && int.TryParse(file.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && IsAllowedWidth(width)
            && FormatOf(file[(dot + 1)..]) is { } format
            ? new ReadMediaVariant.Query(hash, width, format)
            : null;
    }

    /// <summary>Whether <paramref name="hash"/> is a SHA-256 in lower-case hex, as every stored one is.</summary>
    public static bool IsHash(string? hash) => hash is { Length: 64 } && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
