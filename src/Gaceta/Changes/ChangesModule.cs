using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Changes;

/// <summary>The post-commit seam through which use cases announce what changed (<see cref="ChangeFeed"/>).</summary>
public static class ChangesModule
{
    public static IServiceCollection AddChanges(this IServiceCollection services)
    {
        services.AddScoped<ChangeFeed>();
        return services;
    }
}
