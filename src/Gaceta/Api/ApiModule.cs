using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Api;

/// <summary>The API's keys and its read model of stories.</summary>
public static class ApiModule
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddScoped<ListApiKeys.Handler>();
        services.AddScoped<CreateApiKey.Handler>();
        services.AddScoped<RevokeApiKey.Handler>();
        services.AddScoped<AuthenticateApiKey.Handler>();
        services.AddScoped<ListApiSections.Handler>();
        services.AddScoped<ListApiStories.Handler>();
        services.AddScoped<ReadApiStory.Handler>();
        services.AddScoped<ListApiArticles.Handler>();
        services.AddScoped<ReadApiArticle.Handler>();
        return services;
    }
}
