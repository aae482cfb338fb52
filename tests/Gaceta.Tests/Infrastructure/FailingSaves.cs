using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gaceta.Tests.Infrastructure;

/// <summary>
/// Makes a save fail, as a full disk or a dropped connection would, when it writes a row of the chosen kind:
/// for proving that a change and its record land together or not at all.
/// </summary>
public sealed class FailingSaves : SaveChangesInterceptor
{
    private volatile Type? _failOn;

    /// <summary>Saves that add a <typeparamref name="TEntity"/> fail until the returned handle is disposed.</summary>
    public IDisposable FailWhenAdding<TEntity>()
    {
        _failOn = typeof(TEntity);
        return new Reset(this);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ThrowIfChosen(eventData);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ThrowIfChosen(eventData);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void ThrowIfChosen(DbContextEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (_failOn is { } type && eventData.Context!.ChangeTracker.Entries().Any(e => e.State == EntityState.Added && e.Entity.GetType() == type))
        {
            throw new DbUpdateException($"Simulated failure writing {type.Name}.");
        }
    }

    private sealed class Reset(FailingSaves owner) : IDisposable
    {
        public void Dispose() => owner._failOn = null;
    }
}
