using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>Reads the staff area's poll use cases share.</summary>
internal static class PollQueries
{
    /// <summary>The poll with this id and its answers, untracked; null when there is none.</summary>
    public static Task<Poll?> WithOptionsAsync(this IQueryable<Poll> polls, int pollId, CancellationToken cancellationToken) =>
        polls.AsNoTracking().Include(p => p.Options).FirstOrDefaultAsync(p => p.Id == pollId, cancellationToken);
}
