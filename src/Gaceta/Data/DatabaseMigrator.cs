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
}
