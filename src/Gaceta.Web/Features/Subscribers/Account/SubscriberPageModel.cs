using Gaceta.Site;
using Gaceta.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Subscribers.Account;

/// <summary>
/// Base of a signed-in subscriber's pages (<see cref="SubscriberArea.Policy"/> guards the folder): personal, so
/// never cached; forms accepted only from Gaceta's own pages (the cookie is also SameSite=Strict).
/// </summary>
[IgnoreAntiforgeryToken]
public abstract class SubscriberPageModel : PageModel
{
    public int SubscriberId => SubscriberArea.SubscriberId(User);

    /// <summary>The language the subscriber reads in (the request's, which their cookie decided).</summary>
    public SiteLanguage Language
    {
        get
        {
            var languages = HttpContext.RequestServices.GetRequiredService<SiteLanguages>();
            return languages.Find(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? languages.Default;
        }
    }

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        var method = Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)
            && !Request.IsSameOrigin(HttpContext.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value))
        {
            context.Result = StatusCode(StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>The subscriber was erased since signing in: the cookie names no one, so it goes.</summary>
    protected async Task<IActionResult> GoneAsync()
    {
        await SubscriberArea.SignOutAsync(HttpContext);
        return SubscriberArea.SeeOther(Response, SubscriberArea.SignInPath(Language.Code));
    }
}
