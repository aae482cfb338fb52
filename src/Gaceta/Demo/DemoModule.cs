using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Demo;

/// <summary>The sample stories of the demo site.</summary>
public static class DemoModule
{
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddScoped<DemoSeeder>();
        return services;
    }
}
