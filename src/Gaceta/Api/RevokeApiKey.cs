using System.Globalization;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Api;

/// <summary>An administrator revokes an API key; requests with it are refused from the next one on.</summary>
public static class RevokeApiKey
{
    public sealed record Command(int Id, Actor Actor);

    public sealed class Handler(GacetaDb db, SiteClock clock, AuditLog audit)
    {
        /// <returns>False when no live key has this id.</returns>
        public async Task<bool> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (id, actor) = command;
            return await db.InTransactionAsync(
                async () =>
                {
                    var revoked = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, clock.UtcNow), cancellationToken);
                    if (revoked == 1)
                    {
                        audit.Add(actor, AuditActions.ApiKeyRevoked, string.Create(CultureInfo.InvariantCulture, $"key {id}"));
                        await db.SaveChangesAsync(cancellationToken);
                    }

                    return revoked == 1;
                },
                cancellationToken);
        }
    }
}
