using Gaceta.Site;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Infrastructure.Security;

/// <summary>
/// What follows from <c>Site:PublicUrl</c>: over https every cookie is Secure (and the browser is told HSTS, see
/// <see cref="SecurityHeaders"/>); the host filter accepts the public host name only, unless <c>AllowedHosts</c>
/// is set (a list separated by semicolons, or <c>*</c> for any).
/// </summary>
internal static class TransportSecurity
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services)
    {
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, SecureCookies>();
        services.AddSingleton<IPostConfigureOptions<AntiforgeryOptions>, SecureCookies>();
        services.AddSingleton<IPostConfigureOptions<CookieTempDataProviderOptions>, SecureCookies>();
        // The framework turns an unset AllowedHosts into "*"; unset here means the public host alone.
        services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<SiteOptions>, IConfiguration>((hosts, site, configuration) =>
        {
            if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
            {
                hosts.AllowedHosts = [site.Value.PublicUrl.IdnHost];
            }
        });
        return services;
    }

    /// <summary>Whether cookies must only travel over TLS.</summary>
    public static CookieSecurePolicy CookiePolicy(SiteOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.IsHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }

    private sealed class SecureCookies(IOptions<SiteOptions> site) :
        IPostConfigureOptions<CookieAuthenticationOptions>,
        IPostConfigureOptions<AntiforgeryOptions>,
        IPostConfigureOptions<CookieTempDataProviderOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options) => options.Cookie.SecurePolicy = CookiePolicy(site.Value);

        public void PostConfigure(string? name, AntiforgeryOptions options) => options.Cookie.SecurePolicy = CookiePolicy(site.Value);

        public void PostConfigure(string? name, CookieTempDataProviderOptions options) => options.Cookie.SecurePolicy = CookiePolicy(site.Value);
    }
}
