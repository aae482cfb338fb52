using Gaceta.Site;

namespace Gaceta.Web.Infrastructure.Security;

/// <summary>
/// Forms on cached reader pages carry no antiforgery token, so their endpoints check that the browser says the
/// form came from this site: the <c>Origin</c> header, or <c>Referer</c> when a browser sends no Origin.
/// </summary>
internal static class SameOrigin
{
    public static bool IsSameOrigin(this HttpRequest request, SiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(site);
        var claimed = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(claimed))
        {
            claimed = request.Headers.Referer.ToString();
        }

        if (!Uri.TryCreate(claimed, UriKind.Absolute, out var origin))
        {
            return false;
        }

        var own = new UriBuilder(request.Scheme, request.Host.Host, request.Host.Port ?? -1).Uri;
        return SameOriginAs(origin, site.PublicUrl) || SameOriginAs(origin, own);
    }

    private static bool SameOriginAs(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
