using Gaceta.Site;

namespace Gaceta.Web.Infrastructure.Security;

/// <summary>
/// Forms on cached reader pages carry no antiforgery token, so their endpoints check that the browser says the
/// form came from this site: the <c>Origin</c> header, or <c>Referer</c> when a browser sends no Origin. Only the
/// public address counts: the request's own Host header is the client's to choose, so it proves nothing.
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

        return SameOriginAs(origin, site.PublicUrl);
    }

    private static bool SameOriginAs(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
