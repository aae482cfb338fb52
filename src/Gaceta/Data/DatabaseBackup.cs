using Microsoft.EntityFrameworkCore;

namespace Gaceta.Data;

/// <summary>
/// A consistent copy of an SQLite database in one file, taken while the site runs (<c>VACUUM INTO</c> reads one
/// snapshot, whatever writers do meanwhile); the copy is a database that opens as it is. PostgreSQL has its own
/// tools for this (<c>pg_dump</c>, <c>pg_restore</c>).
/// </summary>
public sealed class DatabaseBackup(GacetaDb db)
{
    public bool Supported => db.Database.IsSqlite();

    public async Task WriteAsync(string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!Supported)
        {
            throw new InvalidOperationException("Only an SQLite database is copied this way: back up PostgreSQL with pg_dump.");
        }

        await db.Database.ExecuteSqlAsync($"VACUUM INTO {Path.GetFullPath(file)}", cancellationToken);
    }
}
