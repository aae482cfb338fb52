using System.Threading.Channels;
using Gaceta.Changes;
using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gaceta.Polls;

/// <summary>
/// Stores votes in shared transactions (group commit). A viral poll is all writes, and a commit costs about the same
/// for one vote as for hundreds: the votes that arrive while one batch commits wait together and go in the next, each
/// answered only once the transaction holding it has committed. So an acknowledged vote is a stored vote, a crash
/// loses only votes that were never answered, and the database sees one transaction per batch instead of per vote.
/// </summary>
public sealed partial class VoteWriter(IServiceScopeFactory scopes, ILogger<VoteWriter> logger) : IAsyncDisposable, IDisposable
{
    /// <summary>More votes than this wait for the next batch, so one transaction stays short.</summary>
    public const int MaxBatch = 512;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _loop;

    /// <summary>
    /// Stores <paramref name="vote"/> with the others waiting, and answers once it is committed: true when counted,
    /// false when this address had already voted in the poll. A vote handed over is written even if the caller stops
    /// waiting: it may already share a transaction with others.
    /// </summary>
    public Task<bool> WriteAsync(Vote vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var pending = new Pending(vote, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        EnsureLoop();
        return pending.Stored.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stores a vote and moves its answer's tally, inside the caller's transaction (a vote with a subscription).</summary>
    public static async Task CountAsync(GacetaDb db, IReadOnlyCollection<Vote> votes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(votes);
        db.Votes.AddRange(votes);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var tally in votes.GroupBy(v => v.OptionId))
        {
            var optionId = tally.Key;
            var added = tally.Count();
            await db.Set<PollOption>().Where(o => o.Id == optionId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.VoteCount, o => o.VoteCount + added), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? loop;
        lock (_startLock)
        {
            loop = _loop;
        }

        if (loop is not null)
        {
            // Votes already handed over are written before the process ends.
            await loop.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        Task? loop;
        lock (_startLock)
        {
            loop = _loop;
        }

        loop?.Wait(TimeSpan.FromSeconds(30));
    }

    private void EnsureLoop()
    {
        if (_loop is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _loop ??= Task.Run(LoopAsync);
        }
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogBatchFailed(logger, e, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Stored.TrySetException(e);
                }
            }

            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GacetaDb>();
        var gate = scope.ServiceProvider.GetRequiredService<SqliteWriteGate>();

        // One vote per address and poll: those already stored, and the second of two in the same batch, are not
        // written. A vote stored elsewhere in the meantime (another node, a vote with a subscription) still meets the
        // unique index; then the batch is written a vote at a time, so only that one is refused.
        var taken = await TakenAsync(db, batch).ConfigureAwait(false);
        var counted = new List<Pending>(batch.Count);
        foreach (var pending in batch)
        {
            if (pending.Vote.EmailHash is { } hash && !taken.Add((pending.Vote.PollId, hash)))
            {
                pending.Stored.TrySetResult(false);
            }
            else
            {
                counted.Add(pending);
            }
        }

        if (counted.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync().ConfigureAwait(false);
        if (!await TryWriteAsync(db, gate, counted).ConfigureAwait(false))
        {
            foreach (var pending in counted)
            {
                if (!await TryWriteAsync(db, gate, [pending]).ConfigureAwait(false))
                {
                    pending.Stored.TrySetResult(false);
                }
            }
        }

        // The results everywhere the polls show change: one announcement per poll and batch, not per vote.
        var changes = scope.ServiceProvider.GetRequiredService<ChangeFeed>();
        foreach (var pollId in counted.Where(p => p.Stored.Task.IsCompletedSuccessfully && p.Stored.Task.Result).Select(p => p.Vote.PollId).Distinct())
        {
            await changes.AnnounceAsync(new VotesCounted(pollId), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <returns>False when an address had voted meanwhile; nothing of the batch is then stored.</returns>
    private static async Task<bool> TryWriteAsync(GacetaDb db, SqliteWriteGate gate, List<Pending> votes)
    {
        using var turn = await gate.EnterAsync(db, CancellationToken.None).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
        try
        {
            await CountAsync(db, votes.ConvertAll(p => p.Vote), CancellationToken.None).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
            db.ChangeTracker.Clear();
            foreach (var pending in votes)
            {
                pending.Vote.Id = 0;
            }

            return false;
        }

        db.ChangeTracker.Clear();
        foreach (var pending in votes)
        {
            pending.Stored.TrySetResult(true);
        }

        return true;
    }

    private static async Task<HashSet<(int PollId, string Hash)>> TakenAsync(GacetaDb db, List<Pending> batch)
    {
        var taken = new HashSet<(int, string)>();
        foreach (var poll in batch.Where(p => p.Vote.EmailHash is not null).GroupBy(p => p.Vote.PollId))
        {
            var pollId = poll.Key;
            var hashes = poll.Select(p => p.Vote.EmailHash!).Distinct().ToList();
            var stored = await db.Votes.Where(v => v.PollId == pollId && hashes.Contains(v.EmailHash!))
                .Select(v => v.EmailHash!).ToListAsync().ConfigureAwait(false);
            taken.UnionWith(stored.Select(h => (pollId, h)));
        }

        return taken;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} votes could not be stored; none of them was counted.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed record Pending(Vote Vote, TaskCompletionSource<bool> Stored);
}
