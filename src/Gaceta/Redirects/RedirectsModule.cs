using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Redirects;

/// <summary>Old addresses answering 301: imported permalinks, changed slugs, and the ones editors add.</summary>
public static class RedirectsModule
{
    public static IServiceCollection AddRedirects(this IServiceCollection services)
    {
        services.AddScoped<FindRedirect.Handler>();
        services.AddScoped<ListRedirects.Handler>();
        services.AddScoped<AddRedirect.Handler>();
        services.AddScoped<RemoveRedirect.Handler>();
        return services;
    }
}
