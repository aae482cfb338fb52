using Gaceta.Site;
using Gaceta.Web.Infrastructure.Localization;

namespace Gaceta.Web.Features.Search;

/// <summary>
/// The search page's address in each language, with a translated word (<c>/en/search</c>, <c>/es/buscar</c>),
/// taken from the interface text like the authors' pages.
/// </summary>
public static class SearchPaths
{
    /// <summary>The interface word the segment is made from, in lower case.</summary>
    public const string SegmentKey = "Search";

    public static string Segment(InterfaceText text, SiteLanguage language)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        return text.In(language.Culture, SegmentKey).ToLower(language.Culture);
    }

    public static string For(InterfaceText text, SiteLanguage language) => $"/{language.Code}/{Uri.EscapeDataString(Segment(text, language))}";

    /// <summary>Registers <c>{segment:searchword}</c>, which matches the search word of the route's language only.</summary>
    internal static IServiceCollection AddSearchRoutes(this IServiceCollection services) =>
        services.Configure<RouteOptions>(o => o.ConstraintMap[SearchWordConstraint.Name] = typeof(SearchWordConstraint));
}

/// <summary>
/// Matches the search page's word in the language the address names (<c>search</c> after <c>/en/</c>,
/// <c>buscar</c> after <c>/es/</c>); as a constrained segment it also outranks a section's slug.
/// </summary>
internal sealed class SearchWordConstraint(SiteLanguages languages, InterfaceText text) : IRouteConstraint
{
    public const string Name = "searchword";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(routeKey, out var value)
            && value is string word
            && values.TryGetValue("lang", out var lang)
            && lang is string code
            && languages.Find(code) is { } language
            && string.Equals(word, SearchPaths.Segment(text, language), StringComparison.Ordinal);
    }
}
