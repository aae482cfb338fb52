using Gaceta.Site;

namespace Gaceta.Web.Infrastructure.Localization;

/// <summary><c>{lang:lang}</c> matches only a configured language code, so <c>/fr/…</c> is a plain 404.</summary>
internal sealed class LanguageRouteConstraint(SiteLanguages languages) : IRouteConstraint
{
    public const string Name = "lang";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(routeKey, out var value)
            && value is string code
            && languages.Find(code) is { } language
            && language.Code == code;
    }
}
