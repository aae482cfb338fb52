using Microsoft.EntityFrameworkCore;

namespace Gaceta.Data;

/// <summary>
/// Brings the schema up to date, sets the engine's durable settings, and brings stored data to the forms the code
/// expects (<see cref="CanonicalEmailUpgrade"/>).
/// </summary>
public sealed class DatabaseMigrator(GacetaDb db)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers go on while a writer commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await new CanonicalEmailUpgrade(db).RunAsync(cancellationToken);
    }

    /// <summary>The migrations this version of the code has that the database has not had yet; none when it is current.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken) =>
        (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
}

/// <summary>The database's schema is older than the code: a node does not start on it (clusters migrate as a release step).</summary>
public sealed class DatabaseSchemaException(IReadOnlyList<string> pending) : Exception(
    $"the database schema is older than this version ({pending.Count} migration(s) to apply, the first {pending[0]}). Run 'gaceta db migrate' as the release step, or set Database:MigrateOnStartup=true on a single node.");

/// <summary>Ready only when the schema is the code's: a node on an older one would fail on the first new column.</summary>
internal sealed class SchemaHealthCheck(DatabaseMigrator migrator) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await migrator.PendingAsync(cancellationToken);
        return pending.Count == 0
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy($"{pending.Count} migration(s) to apply");
    }
}
