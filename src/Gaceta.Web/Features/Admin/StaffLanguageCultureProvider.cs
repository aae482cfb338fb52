using Gaceta.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Localization;

namespace Gaceta.Web.Features.Admin;

/// <summary>The staff area speaks each staff member's own language; before sign-in, the browser's.</summary>
internal sealed class StaffLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // An error page shown for a staff page (403, 404) speaks the staff member's language too.
        var path = httpContext.RequestedPath();
        if (!AdminArea.IsAdminPath(path)
            || httpContext.User.FindFirst(StaffClaimsFactory.LanguageClaim)?.Value is not { Length: > 0 } language)
        {
            return NullProviderCultureResult;
        }

        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language));
    }
}
