using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Api;

/// <summary>The API keys for administrators: live ones first, newest first.</summary>
public static class ListApiKeys
{
    public sealed record Query;

    public sealed record Row(int Id, string Name, string Role, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt, DateTime? LastUsedAt);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query query, CancellationToken cancellationToken) =>
            await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
                .Select(k => new Row(k.Id, k.Name, k.Role, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.LastUsedAt))
                .ToListAsync(cancellationToken);
    }
}
