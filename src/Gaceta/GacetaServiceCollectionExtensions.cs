using Gaceta.Articles;
using Gaceta.Authors;
using Gaceta.Data;
using Gaceta.Demo;
using Gaceta.Sections;
using Gaceta.Site;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gaceta;

public static class GacetaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the core: data, site settings and every use case's handler. Options
    /// (<see cref="SiteOptions"/>, <see cref="DatabaseOptions"/>) are bound and validated by the host.
    /// </summary>
    public static IServiceCollection AddGacetaCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SiteLanguages>();
        services.AddSingleton<SiteClock>();
        services.AddGacetaData();

        services.AddSingleton<ArticleBodyRenderer>();
        services.AddScoped<ReadArticle.Handler>();
        services.AddScoped<ReadFrontPage.Handler>();
        services.AddScoped<ReadSection.Handler>();
        services.AddScoped<ListSections.Handler>();
        services.AddScoped<ReadAuthor.Handler>();
        services.AddScoped<DemoSeeder>();
        return services;
    }
}
