using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>The newest editions for the staff list, named in the staff member's language.</summary>
public static class ListEditions
{
    public sealed record Query(string Language);

    public sealed record Row(int Id, string Newsletter, string Subject, EditionStatus Status, DateTime? ScheduledAt, DateTime? StartedAt, int Recipients);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var editions = await db.Editions.AsNoTracking().Include(e => e.Newsletter)
                .OrderByDescending(e => e.Id).Take(100).ToListAsync(cancellationToken);
            return editions.Select(e => new Row(
                e.Id,
                e.Newsletter.NameIn(query.Language)?.Name ?? e.Newsletter.Key,
                (e.TextIn(query.Language) ?? e.Texts.FirstOrDefault())?.Subject ?? string.Empty,
                e.Status,
                e.ScheduledAt,
                e.StartedAt,
                e.Recipients)).ToList();
        }
    }
}
