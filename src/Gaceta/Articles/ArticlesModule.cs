using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Articles;

/// <summary>Stories and their articles: the editor, publishing, corrections and the reader pages.</summary>
public static class ArticlesModule
{
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddScoped<ListStories.Handler>();
        services.AddScoped<ReadStoryEditor.Handler>();
        services.AddScoped<ReadStoryChoices.Handler>();
        services.AddScoped<SuggestSlug.Handler>();
        services.AddScoped<EditStory.Handler>();
        services.AddScoped<ReadRevisions.Handler>();
        services.AddScoped<AddCorrection.Handler>();
        services.AddScoped<PublishScheduledArticles.Handler>();
        services.AddSingleton<ArticleBodyRenderer>();
        services.AddScoped<ReadArticle.Handler>();
        services.AddScoped<ReadFrontPage.Handler>();
        return services;
    }
}
