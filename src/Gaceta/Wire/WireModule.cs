using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Wire;

/// <summary>Importing wire stories (ninjs).</summary>
public static class WireModule
{
    public static IServiceCollection AddWire(this IServiceCollection services)
    {
        services.AddScoped<FindWireSection.Handler>();
        services.AddScoped<ImportWire.Handler>();
        return services;
    }
}
