using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Authors;

/// <summary>Authors and their reader pages.</summary>
public static class AuthorsModule
{
    public static IServiceCollection AddAuthors(this IServiceCollection services)
    {
        services.AddScoped<ReadAuthor.Handler>();
        return services;
    }
}
