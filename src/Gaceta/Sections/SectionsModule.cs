using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Sections;

/// <summary>Sections and their reader pages.</summary>
public static class SectionsModule
{
    public static IServiceCollection AddSections(this IServiceCollection services)
    {
        services.AddScoped<ReadSection.Handler>();
        services.AddScoped<ListSections.Handler>();
        return services;
    }
}
