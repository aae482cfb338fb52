using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Importing;

/// <summary>Moving a newsroom in from another system: WordPress, Ghost and Mailchimp.</summary>
public static class ImportingModule
{
    public static IServiceCollection AddImporting(this IServiceCollection services)
    {
        services.AddScoped<NewsroomTargets>();
        services.AddScoped<ImportArticle.Handler>();
        services.AddScoped<ImportPhoto.Handler>();
        services.AddScoped<ImportedImages>();
        services.AddSingleton<PhotoDownloads>();
        services.AddScoped<Ghost.ImportGhost.Handler>();
        services.AddScoped<Members.ImportMembers.Handler>();
        services.AddScoped<ListImportRuns.Handler>();
        services.AddScoped<ReadImportRun.Handler>();
        services.AddScoped<WordPress.ImportWordPress.Handler>();
        return services;
    }
}
