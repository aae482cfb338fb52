using Gaceta.Web.Features.Polls;
using Gaceta.Web.Features.Search;
using Gaceta.Web.Infrastructure.Network;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Database;

namespace Gaceta.Web.Infrastructure.Configuration;

internal static class GacetaOptionsSetup
{
    /// <summary>
    /// Binds every options class from configuration (files, environment such as <c>Database__Provider</c>,
    /// command line) and validates them when the host starts, so a bad setting stops the host at once. The core's
    /// own settings are bound by its feature modules (<see cref="GacetaServiceCollectionExtensions.AddGacetaCore"/>), which the command line uses too.
    /// </summary>
    public static IServiceCollection AddGacetaOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ReaderCacheOptions>(configuration, ReaderCacheOptions.SectionName);
        services.AddValidatedOptions<PollOptions>(configuration, PollOptions.SectionName);
        services.AddValidatedOptions<SearchOptions>(configuration, SearchOptions.SectionName);

        services.AddValidatedOptions<NetworkOptions>(configuration, NetworkOptions.SectionName)
            .Validate(
                o => o.TrustedProxies.All(p => p.Contains('/', StringComparison.Ordinal) ? System.Net.IPNetwork.TryParse(p, out _) : System.Net.IPAddress.TryParse(p, out _)),
                "Network:TrustedProxies must list IP addresses or networks such as 10.0.0.0/8.");

        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.SectionName));

        return services;
    }
}
