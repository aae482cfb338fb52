using Gaceta.Site;
using Gaceta.Web.Infrastructure.Localization;

namespace Gaceta.Web.Features.Authors;

/// <summary>
/// Author pages live at <c>/{lang}/{authors}/{slug}</c>, the middle segment in the page's language
/// ("authors", "autores"), taken from the interface text.
/// </summary>
public static class AuthorPaths
{
    /// <summary>The resource key of the localized path segment.</summary>
    public const string SegmentKey = "authors";

    public static string Segment(InterfaceText text, SiteLanguage language)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        return text.In(language.Culture, SegmentKey);
    }

    public static string For(InterfaceText text, SiteLanguage language, string slug) =>
        $"/{language.Code}/{Uri.EscapeDataString(Segment(text, language))}/{slug}";
}
