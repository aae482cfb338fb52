using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Audit;

/// <summary>The audit log, newest first, a page at a time.</summary>
public static class ReadAuditLog
{
    public const int PageSize = 100;

    public sealed record Query(int Page);

    public sealed record Entry(DateTime At, string Actor, string Action, string Subject);

    public sealed record Model(IReadOnlyList<Entry> Entries, int Page, bool HasNext);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<Model> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var page = Math.Clamp(query.Page, 1, 100_000);
            var entries = await db.AuditEntries.AsNoTracking()
                .OrderByDescending(e => e.Id)
                .Skip((page - 1) * PageSize)
                .Take(PageSize + 1)
                .Select(e => new Entry(e.At, e.ActorName, e.Action, e.Subject))
                .ToListAsync(cancellationToken);
            return new Model(entries.Take(PageSize).ToList(), page, entries.Count > PageSize);
        }
    }
}
