using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Syndication;

/// <summary>Feeds and sitemaps.</summary>
public static class SyndicationModule
{
    public static IServiceCollection AddSyndication(this IServiceCollection services)
    {
        services.AddScoped<ReadFeed.Handler>();
        services.AddScoped<ReadSitemap.Handler>();
        return services;
    }
}
