using System.Globalization;
using Gaceta.Articles;
using Gaceta.Media;

namespace Gaceta.Web.Features.Shared;

/// <summary>What <c>_Photo.cshtml</c> draws: a library photo, its alternative text, and how wide it is shown.</summary>
/// <param name="Sizes">The <c>sizes</c> attribute: how wide the photo is laid out at each viewport.</param>
/// <param name="Lead">The page's main photo: loaded at once with high priority; others load lazily.</param>
public sealed record PhotoView(LibraryPhoto Photo, string Alt, string Sizes, bool Lead, int DisplayWidth = 1280)
{
    /// <summary>The article column: its full width on a large screen, the whole viewport on a phone.</summary>
    public const string ArticleWidth = "(min-width: 48rem) 46rem, 100vw";

    /// <summary>The page's main column, as the front page's lead story uses it.</summary>
    public const string PageWidth = "(min-width: 66rem) 62rem, 100vw";

    /// <summary>Every width the photo is served in, as a <c>srcset</c>.</summary>
    public static string Srcset(LibraryPhoto photo, VariantFormat format)
    {
        ArgumentNullException.ThrowIfNull(photo);
        return string.Join(", ", MediaVariants.WidthsFor(photo.Width)
            .Select(w => string.Create(CultureInfo.InvariantCulture, $"{MediaVariants.Path(photo.Hash, w, format)} {w}w")));
    }
}
