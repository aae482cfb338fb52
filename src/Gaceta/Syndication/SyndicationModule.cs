using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Syndication;

/// <summary>Feeds and sitemaps.</summary>
public static class SyndicationModule
{
    public static IServiceCollection AddSyndication(this IServiceCollection services)
    {
        services.AddScoped<ReadFeed.Handler>();
        services.AddScoped<ReadSitemapIndex.Handler>();
        services.AddScoped<ReadSitemapPage.Handler>();
        services.AddScoped<ReadNewsSitemap.Handler>();
        return services;
    }
}
