using Gaceta.Site;
using Microsoft.Net.Http.Headers;

namespace Gaceta.Web.Infrastructure.Localization;

/// <summary>Chooses a configured language from an <c>Accept-Language</c> header.</summary>
internal static class LanguageNegotiation
{
    /// <summary>The best configured language by quality and order, or the default language when none fits.</summary>
    public static SiteLanguage Choose(SiteLanguages languages, IList<StringWithQualityHeaderValue> acceptLanguage)
    {
        ArgumentNullException.ThrowIfNull(languages);
        ArgumentNullException.ThrowIfNull(acceptLanguage);
        var ranked = acceptLanguage
            .Select((value, index) => (value, index))
            .Where(p => (p.value.Quality ?? 1) > 0)
            .OrderByDescending(p => p.value.Quality ?? 1)
            .ThenBy(p => p.index);
        foreach (var (value, _) in ranked)
        {
            var tag = value.Value.Value;
            if (string.IsNullOrEmpty(tag) || tag == "*")
            {
                continue;
            }

            var primary = tag.Split('-', 2)[0];
            if (languages.Find(primary) is { } language)
            {
                return language;
            }
        }

        return languages.Default;
    }
}
