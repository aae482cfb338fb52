using Gaceta.Data;
using Gaceta.Demo;
using Gaceta.Security;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Infrastructure.Database;

/// <summary>
/// Before the server takes requests: migrates the schema when <see cref="DatabaseOptions.MigrateOnStartup"/>
/// is on, loads the installation's keys, then seeds the demo stories into an empty database when
/// <see cref="DemoOptions.Seed"/> is on.
/// </summary>
internal sealed partial class DatabaseStartup(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> database,
    IOptions<DemoOptions> demo,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (database.Value.MigrateOnStartup)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            LogMigrated(database.Value.Provider);
        }

        await scope.ServiceProvider.GetRequiredService<InstallationKeys>()
            .LoadAsync(scope.ServiceProvider.GetRequiredService<GacetaDb>(), cancellationToken);

        if (demo.Value.Seed)
        {
            var added = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
            LogSeeded(added);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date ({Provider}).")]
    private partial void LogMigrated(DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo content: {Count} stories added.")]
    private partial void LogSeeded(int count);
}
