using System.Threading.Channels;
using Gaceta.Changes;
using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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
    /// Stores <paramref name="vote"/> with the others waiting, and answers once it is committed: whether it was counted
    /// (not when this address had already voted in the poll), and the poll's tallies as that transaction left them. A
    /// vote handed over is written even if the caller stops waiting: it may already share a transaction with others.
    /// </summary>
    /// <param name="vote">The vote.</param>
    /// <param name="pollVersion">The version of the poll the vote was judged by; a vote for a poll changed since is not stored.</param>
    /// <param name="cancellationToken">Stops the waiting, not the writing.</param>
    public Task<VoteWritten> WriteAsync(Vote vote, int pollVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var pending = new Pending(vote, pollVersion, new TaskCompletionSource<VoteWritten>(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        EnsureLoop();
        return pending.Stored.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stores votes and moves their answers' tallies, inside the caller's transaction: one statement for the votes and
    /// one per answer. A vote whose address has already voted in the poll (stored before, or earlier in the same list)
    /// is not stored. The statement is written here rather than through the change tracker, which cost more than the
    /// database did for a batch of hundreds.
    /// </summary>
    /// <returns>The votes stored.</returns>
    public static async Task<IReadOnlyList<Vote>> CountAsync(GacetaDb db, IReadOnlyList<Vote> votes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(votes);
        var distinct = votes.Where(v => v.EmailHash is null).Concat(votes.Where(v => v.EmailHash is not null).DistinctBy(v => (v.PollId, v.EmailHash))).ToList();
        if (distinct.Count == 0)
        {
            return [];
        }

        var stored = new HashSet<(int PollId, string? Hash)>();
        var anonymous = 0;
        await using (var insert = Command(db, string.Empty))
        {
            var sql = new System.Text.StringBuilder("""INSERT INTO "Votes" ("PollId", "OptionId", "Language", "EmailHash", "CastAt") VALUES """);
            for (var i = 0; i < distinct.Count; i++)
            {
                var vote = distinct[i];
                sql.Append(i == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"(@p{i}, @o{i}, @l{i}, @e{i}, @c{i})");
                Add(insert, $"@p{i}", vote.PollId);
                Add(insert, $"@o{i}", vote.OptionId);
                Add(insert, $"@l{i}", vote.Language);
                Add(insert, $"@e{i}", (object?)vote.EmailHash ?? DBNull.Value);
                Add(insert, $"@c{i}", vote.CastAt);
            }

            // The unique index on poll and address decides, also against a vote stored a moment ago by another node.
            sql.Append(""" ON CONFLICT DO NOTHING RETURNING "PollId", "EmailHash" """);
            insert.CommandText = sql.ToString();
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(1))
                {
                    anonymous++;
                }
                else
                {
                    stored.Add((reader.GetInt32(0), reader.GetString(1)));
                }
            }
        }

        var counted = distinct.Where(v => v.EmailHash is null ? anonymous-- > 0 : stored.Contains((v.PollId, v.EmailHash))).ToList();
        foreach (var tally in counted.GroupBy(v => v.OptionId))
        {
            await using var update = Command(db, """UPDATE "PollOption" SET "VoteCount" = "VoteCount" + @added WHERE "Id" = @option""");
            Add(update, "@added", tally.Count());
            Add(update, "@option", tally.Key);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return counted;
    }

    /// <summary>A statement on the context's connection, in its transaction.</summary>
    private static System.Data.Common.DbCommand Command(GacetaDb db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Each poll's current version and its answers' tallies, read inside the batch's transaction.</summary>
    private static async Task<Dictionary<int, (int Version, Dictionary<int, int> Tallies)>> PollsAsync(GacetaDb db, IEnumerable<int> pollIds)
    {
        var polls = new Dictionary<int, (int Version, Dictionary<int, int> Tallies)>();
        foreach (var pollId in pollIds)
        {
            await using var read = Command(db, """
                SELECT p."Version", o."Id", o."VoteCount" FROM "Polls" AS p LEFT JOIN "PollOption" AS o ON o."PollId" = p."Id" WHERE p."Id" = @poll
                """);
            Add(read, "@poll", pollId);
            await using var reader = await read.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                if (!polls.TryGetValue(pollId, out var poll))
                {
                    poll = (reader.GetInt32(0), new Dictionary<int, int>());
                    polls[pollId] = poll;
                }

                if (!reader.IsDBNull(1))
                {
                    poll.Tallies[reader.GetInt32(1)] = reader.GetInt32(2);
                }
            }
        }

        return polls;
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    public void Dispose() => StopAsync().Wait(TimeSpan.FromSeconds(30));

    /// <summary>Takes no more votes; the task ends once those already handed over are written.</summary>
    private Task StopAsync()
    {
        _queue.Writer.TryComplete();
        lock (_startLock)
        {
            return _loop ?? Task.CompletedTask;
        }
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
        IReadOnlyList<Vote> counted;
        Dictionary<int, Dictionary<int, int>> tallies;
        using (await gate.EnterAsync(db, CancellationToken.None).ConfigureAwait(false))
        {
            await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);

            // Each vote was judged by a version of its poll; one whose poll has changed since is judged again.
            var pollIds = batch.Select(p => p.Vote.PollId).Distinct().ToList();
            var before = await PollsAsync(db, pollIds).ConfigureAwait(false);
            foreach (var pending in batch.Where(p => !before.TryGetValue(p.Vote.PollId, out var poll) || poll.Version != p.PollVersion))
            {
                pending.Stored.TrySetResult(new VoteWritten(false, new Dictionary<int, int>(), PollChanged: true));
            }

            counted = await CountAsync(db, batch.Where(p => !p.Stored.Task.IsCompleted).Select(p => p.Vote).ToList(), CancellationToken.None).ConfigureAwait(false);

            // Every voter is shown the results as the batch's transaction leaves them: read once for the batch.
            tallies = (await PollsAsync(db, pollIds).ConfigureAwait(false)).ToDictionary(p => p.Key, p => p.Value.Tallies);

            await transaction.CommitAsync().ConfigureAwait(false);
        }

        // Answered only now that the transaction has committed. A vote not stored had an address that already voted.
        var stored = counted.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var pending in batch)
        {
            pending.Stored.TrySetResult(new VoteWritten(stored.Contains(pending.Vote), tallies.GetValueOrDefault(pending.Vote.PollId) ?? new Dictionary<int, int>()));
        }

        // The results everywhere the polls show change: one announcement per poll and batch, not per vote.
        var changes = scope.ServiceProvider.GetRequiredService<ChangeFeed>();
        foreach (var pollId in counted.Select(v => v.PollId).Distinct())
        {
            await changes.AnnounceAsync(new VotesCounted(pollId), CancellationToken.None).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} votes could not be stored; none of them was counted.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed record Pending(Vote Vote, int PollVersion, TaskCompletionSource<VoteWritten> Stored);
}

/// <summary>
/// A vote written: whether it counted, and its poll's votes per answer once its transaction committed; or, when
/// <paramref name="PollChanged"/>, not written because its poll changed after the vote was judged.
/// </summary>
public sealed record VoteWritten(bool Counted, IReadOnlyDictionary<int, int> Tallies, bool PollChanged = false);
