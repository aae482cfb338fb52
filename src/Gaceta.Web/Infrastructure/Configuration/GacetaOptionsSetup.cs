using Gaceta.Data;
using Gaceta.Site;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Database;

namespace Gaceta.Web.Infrastructure.Configuration;

internal static class GacetaOptionsSetup
{
    /// <summary>
    /// Binds every options class from configuration (files, environment such as <c>Database__Provider</c>,
    /// command line) and validates them when the host starts, so a bad setting stops the host at once.
    /// </summary>
    public static IServiceCollection AddGacetaOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiteOptions>()
            .Bind(configuration.GetSection(SiteOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.PublicUrl.IsAbsoluteUri, "Site:PublicUrl must be an absolute URL.")
            .Validate(o => o.Languages.Count > 0, "Site:Languages must name at least one language.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Site:TimeZone is not a known time zone.")
            .ValidateOnStart();

        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString("Gaceta") is { Length: > 0 } cs ? cs : o.ConnectionString)
            .ValidateDataAnnotations()
            .Validate(
                o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "ConnectionStrings:Gaceta is required when Database:Provider is Postgres.")
            .ValidateOnStart();

        services.AddOptions<ReaderCacheOptions>()
            .Bind(configuration.GetSection(ReaderCacheOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.SectionName));

        return services;
    }
}
