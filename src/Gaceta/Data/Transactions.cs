namespace Gaceta.Data;

public static class Transactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one database transaction, so that a change saved in several steps (Identity
    /// saves each of its calls; an id is known only after a first save) and the audit entry recording it are
    /// written together or not at all. Inside a transaction already open, the work simply joins it.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this GacetaDb db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
