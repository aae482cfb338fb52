using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Newsletters;

/// <summary>Newsletters and their editions: composing, sending, the archive, suppressions; settings <c>Sending</c>.</summary>
public static class NewslettersModule
{
    public static IServiceCollection AddNewsletters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SendingOptions>(configuration, SendingOptions.SectionName);
        services.AddSingleton<SuppressionList>();
        services.AddSingleton<EditionMail>();
        services.AddScoped<StartEdition.Handler>();
        services.AddScoped<DueEditions.Handler>();
        services.AddScoped<ComposeEdition.Handler>();
        services.AddScoped<ListEditions.Handler>();
        services.AddScoped<ReadEdition.Handler>();
        services.AddScoped<ReadEditionChoices.Handler>();
        services.AddScoped<LatestFromSection.Handler>();
        services.AddScoped<PreviewEdition.Handler>();
        services.AddScoped<SendEditionTest.Handler>();
        services.AddScoped<ListNewsletters.Handler>();
        services.AddScoped<ListArchivedEditions.Handler>();
        services.AddScoped<ReadArchivedEdition.Handler>();
        services.AddSingleton<EditionSender>();
        return services;
    }
}
