using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Security;

/// <summary>The installation's own keys, kept in the database.</summary>
public static class SecurityModule
{
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddSingleton<InstallationKeys>();
        return services;
    }
}
