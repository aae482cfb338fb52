using Gaceta.Subscribers;
using Microsoft.AspNetCore.Localization;

namespace Gaceta.Web.Features.Subscribers;

/// <summary>
/// Pages reached from a subscription mail speak the subscriber's language, which the token in the address
/// leads to; a signed-in subscriber's own pages speak the language in their cookie. A bad token or no cookie
/// decides nothing, and the usual providers pick the language.
/// </summary>
internal sealed class SubscriptionLanguageCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var segments = (httpContext.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var services = httpContext.RequestServices;
        var language = segments switch
        {
            ["newsletters", "confirm" or "unsubscribe", var token] =>
                await services.GetRequiredService<ReadTokenLanguage.Handler>().HandleAsync(new ReadTokenLanguage.Query(token), httpContext.RequestAborted),
            ["newsletters", "sign-in", var token] =>
                await services.GetRequiredService<ReadSignInLinkLanguage.Handler>().HandleAsync(new ReadSignInLinkLanguage.Query(token), httpContext.RequestAborted),
            ["newsletters", "account" or "archive", ..] => await SubscriberArea.LanguageAsync(httpContext),
            _ => null,
        };
        return language is null ? null : new ProviderCultureResult(language);
    }
}
