using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gaceta.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The migrations of each engine live in their own assembly, named here.</summary>
    public const string SqliteMigrationsAssembly = "Gaceta.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Gaceta.Migrations.Postgres";

    /// <summary>Registers <see cref="GacetaDb"/> on the engine <see cref="DatabaseOptions"/> names.</summary>
    public static IServiceCollection AddGacetaData(this IServiceCollection services)
    {
        services.AddDbContextPool<GacetaDb>((provider, options) =>
            Configure(options, provider.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddHealthChecks().AddDbContextCheck<GacetaDb>("database");
        services.AddScoped<DatabaseMigrator>();
        services.AddSingleton<SqliteWriteGate>();
        return services;
    }

    /// <summary>Points <paramref name="builder"/> at the configured engine and its migrations.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(database);

        return database.Provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(
                SqliteConnectionString(database.ConnectionString),
                sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly).CommandTimeout(database.CommandTimeoutSeconds))
                .AddInterceptors(new SqlitePragmas()),
            DatabaseProvider.Postgres => builder.UseNpgsql(
                !string.IsNullOrWhiteSpace(database.ConnectionString)
                    ? database.ConnectionString
                    : throw new InvalidOperationException("ConnectionStrings:Gaceta is required for PostgreSQL."),
                npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly).CommandTimeout(database.CommandTimeoutSeconds)),
            _ => throw new InvalidOperationException($"Unknown database provider '{database.Provider}'."),
        };
    }

    /// <summary>
    /// The SQLite file defaults to <c>data/gaceta.db</c> under the working directory; its folder is created
    /// so that the first run needs no setup.
    /// </summary>
    private static string SqliteConnectionString(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=data/gaceta.db" : configured);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        builder.Pooling = true;
        return builder.ToString();
    }
}
