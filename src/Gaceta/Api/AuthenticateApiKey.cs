using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Security;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Api;

/// <summary>Checks a key presented to the API and names the actor it stands for.</summary>
public static class AuthenticateApiKey
{
    public sealed record Query(string? Token);

    public sealed class Handler(GacetaDb db, InstallationKeys keys, SiteClock clock)
    {
        /// <summary>The actor a presented key stands for, or null when it is malformed, unknown, wrong or revoked.</summary>
        public async Task<Actor?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var token = query.Token;
            if (token is null || !token.StartsWith(ApiKeys.TokenPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            var parts = token[ApiKeys.TokenPrefix.Length..].Split('_', 2);
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || parts[1].Length is 0 or > 100)
            {
                return null;
            }

            var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
            var presented = Encoding.ASCII.GetBytes(keys.Hash(ApiKeys.HashPurpose, parts[1]));
            if (key is null || key.RevokedAt is not null || !CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(key.SecretHash)))
            {
                return null;
            }

            // Written at most once a minute per key, so a busy importer does not turn reads into writes.
            var now = clock.UtcNow;
            if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
            {
                await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
            }

            return new Actor(string.Create(CultureInfo.InvariantCulture, $"api-key:{key.Id}"), $"API key “{key.Name}”", key.Role);
        }
    }
}
