using Gaceta.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gaceta.Search;

/// <summary>Full-text search: the use case and the index of the configured engine.</summary>
public static class SearchModule
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddScoped<SearchArticles.Handler>();
        services.AddScoped<ISearchIndex>(provider =>
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? ActivatorUtilities.CreateInstance<PostgresSearchIndex>(provider)
                : ActivatorUtilities.CreateInstance<SqliteSearchIndex>(provider));
        return services;
    }
}
