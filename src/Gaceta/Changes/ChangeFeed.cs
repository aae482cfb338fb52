using Gaceta.Articles;
using Gaceta.Data;

namespace Gaceta.Changes;

/// <summary>Something readers can see has changed; announced by the use case that changed it.</summary>
public abstract record Change;

/// <summary>A story was published, updated, corrected or unpublished: the reader pages it touches.</summary>
public sealed record StoryChanged(ReaderChange Pages) : Change;

/// <summary>A poll was edited: its form and results wherever they show.</summary>
public sealed record PollChanged(int PollId) : Change;

/// <summary>Votes were counted: the poll's results wherever they show (an open poll's form does not change).</summary>
public sealed record VotesCounted(int PollId) : Change;

/// <summary>Hears every change once it is committed (the reader cache, later other nodes and webhooks).</summary>
public interface IChangeSubscriber
{
    Task OnCommittedAsync(Change change, CancellationToken cancellationToken);
}

/// <summary>
/// The one seam through which use cases say what changed. A change announced outside a transaction is passed on
/// at once (the save it follows has committed); one announced inside a transaction waits until the use case that
/// owns the transaction calls <see cref="CommittedAsync"/> after committing, so nobody hears of a change that
/// was rolled back. Pages and endpoints never evict or notify anything themselves.
/// </summary>
public sealed class ChangeFeed(GacetaDb db, IEnumerable<IChangeSubscriber> subscribers)
{
    private readonly List<Change> _pending = [];

    public async Task AnnounceAsync(Change change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        _pending.Add(change);
        if (db.Database.CurrentTransaction is null)
        {
            await CommittedAsync(cancellationToken);
        }
    }

    /// <summary>Passes on what was announced inside the transaction that has just committed.</summary>
    public async Task CommittedAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("Changes are passed on after the transaction commits, not inside it.");
        }

        var changes = _pending.ToList();
        _pending.Clear();
        foreach (var change in changes)
        {
            foreach (var subscriber in subscribers)
            {
                await subscriber.OnCommittedAsync(change, cancellationToken);
            }
        }
    }

    /// <summary>Forgets what was announced inside a transaction that was rolled back.</summary>
    public void RolledBack() => _pending.Clear();
}
