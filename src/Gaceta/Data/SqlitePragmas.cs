using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gaceta.Data;

/// <summary>
/// Per-connection SQLite settings. In write-ahead-log mode <c>synchronous=NORMAL</c> cannot corrupt the database;
/// the last commits before a power cut (not a process crash) may be lost. That is SQLite's advice for WAL, and
/// it spares an fsync per commit.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
