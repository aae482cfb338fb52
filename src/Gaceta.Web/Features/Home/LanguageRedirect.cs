using Gaceta.Articles;
using Gaceta.Site;
using Gaceta.Web.Infrastructure.Localization;
using Microsoft.Net.Http.Headers;

namespace Gaceta.Web.Features.Home;

internal static class LanguageRedirect
{
    /// <summary><c>/</c> sends the visitor to the front page in the language their browser prefers.</summary>
    public static IEndpointConventionBuilder MapLanguageRedirect(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, SiteLanguages languages) =>
        {
            var language = LanguageNegotiation.Choose(languages, context.Request.GetTypedHeaders().AcceptLanguage);
            // The answer depends on the header, so shared caches must key on it.
            context.Response.Headers.Vary = HeaderNames.AcceptLanguage;
            return Results.Redirect(ArticlePaths.Home(language.Code));
        }).WithName("LanguageRedirect");
}
