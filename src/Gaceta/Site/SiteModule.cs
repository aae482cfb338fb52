using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gaceta.Site;

/// <summary>The site itself: its languages and clock, and its settings (<c>Site</c>).</summary>
public static class SiteModule
{
    public static IServiceCollection AddSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SiteOptions>(configuration, SiteOptions.SectionName)
            .Validate(o => o.PublicUrl.IsAbsoluteUri, "Site:PublicUrl must be an absolute URL.")
            .Validate(o => o.Languages.Count > 0, "Site:Languages must name at least one language.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Site:TimeZone is not a known time zone.");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SiteLanguages>();
        services.AddSingleton<SiteClock>();
        return services;
    }
}
