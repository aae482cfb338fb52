using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gaceta.Security;

/// <summary>The installation's own keys, kept in the database, and where per-client allowances are counted.</summary>
public static class SecurityModule
{
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddSingleton<InstallationKeys>();
        services.AddSingleton<MemoryClientLimits>();
        // A host that shares counts across nodes registers its own first.
        services.TryAddSingleton<IClientLimits>(provider => provider.GetRequiredService<MemoryClientLimits>());
        return services;
    }
}
