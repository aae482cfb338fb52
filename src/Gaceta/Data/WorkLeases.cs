using Microsoft.EntityFrameworkCore;

namespace Gaceta.Data;

/// <summary>
/// Background work that runs once per cluster: every node on the same database asks for the work's lease before a
/// round, and only its holder runs it. The holder renews the lease each round; when it stops (a crash, a deploy),
/// the lease runs out and another node takes it over. Taking and renewing are one conditional update, and the
/// first lease one insert under the name's primary key, so two nodes never both hold it, on either engine.
/// </summary>
public sealed class WorkLeases(GacetaDb db, TimeProvider time)
{
    /// <summary>This process, as a holder: its host, its process id and a random part (two processes never share it).</summary>
    public static string ThisNode { get; } = NodeName();

    private static string NodeName()
    {
        var host = Environment.MachineName;
        return $"{host[..Math.Min(host.Length, 100)]}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    }

    /// <returns>Whether <paramref name="holder"/> holds the lease for <paramref name="duration"/> from now.</returns>
    public async Task<bool> TryHoldAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(holder);
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var held = await db.Set<WorkLease>()
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (held == 1)
        {
            return true;
        }

        if (await db.Set<WorkLease>().AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.Add(new WorkLease { Name = name, Holder = holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another node made the first lease at the same moment: it holds it.
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
