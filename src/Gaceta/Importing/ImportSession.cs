using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Importing;

/// <summary>
/// How an import talks to the database for its whole run: one connection held open (no open, settings and close
/// around every lookup between items) and no savepoint around each save inside an item's transaction, since a
/// failed item is rolled back whole, never resumed from a savepoint.
/// </summary>
internal sealed class ImportSession : IAsyncDisposable
{
    private readonly GacetaDb _db;
    private readonly bool _savepoints;

    private ImportSession(GacetaDb db)
    {
        _db = db;
        _savepoints = db.Database.AutoSavepointsEnabled;
    }

    public static async Task<ImportSession> OpenAsync(GacetaDb db, CancellationToken cancellationToken)
    {
        var session = new ImportSession(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        db.Database.AutoSavepointsEnabled = false;
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        _db.Database.AutoSavepointsEnabled = _savepoints;
        await _db.Database.CloseConnectionAsync();
    }
}
