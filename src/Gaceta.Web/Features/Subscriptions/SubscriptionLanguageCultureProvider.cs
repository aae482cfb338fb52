using Gaceta.Subscribers;
using Microsoft.AspNetCore.Localization;

namespace Gaceta.Web.Features.Subscriptions;

/// <summary>
/// Pages reached from a subscription mail speak the subscriber's language, which the token in the address
/// leads to. A bad token decides nothing, and the usual providers pick the language of the 404.
/// </summary>
internal sealed class SubscriptionLanguageCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var segments = (httpContext.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["newsletters", "confirm" or "unsubscribe", var token])
        {
            return null;
        }

        var language = await httpContext.RequestServices.GetRequiredService<ManageSubscription.Handler>()
            .LanguageOfAsync(token, httpContext.RequestAborted);
        return language is null ? null : new ProviderCultureResult(language);
    }
}
