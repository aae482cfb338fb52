using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Translations;

/// <summary>Translating an article and keeping translations in step with their source.</summary>
public static class TranslationsModule
{
    public static IServiceCollection AddTranslations(this IServiceCollection services)
    {
        services.AddScoped<TranslateArticle.Handler>();
        services.AddScoped<MarkTranslationUpToDate.Handler>();
        return services;
    }
}
