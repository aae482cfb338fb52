using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Security;
using Gaceta.Site;
using Gaceta.Staff;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Api;

/// <summary>
/// A key that lets other software write through the JSON API with one staff role's rights. Only a keyed hash of
/// its secret is stored; the key itself is shown once, when made.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    /// <summary>What the key is for, such as "Wire desk importer".</summary>
    public required string Name { get; set; }

    /// <summary>The staff role whose rights the key carries (never Administrator).</summary>
    public required string Role { get; set; }

    /// <summary>HMAC of the secret under the installation key.</summary>
    public required string SecretHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}

/// <summary>Making, listing, revoking and checking API keys.</summary>
public static class ApiKeys
{
    /// <summary>Keys read <c>gk_{id}_{secret}</c>: the id finds the row, the secret proves the holder.</summary>
    public const string TokenPrefix = "gk_";

    /// <summary>Roles a key may carry: administration stays with people.</summary>
    public static IReadOnlyList<string> Roles => StaffPermissions.ApiKeyRoles;

    public sealed record Row(int Id, string Name, string Role, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt, DateTime? LastUsedAt);

    /// <param name="Token">The whole key, to show once.</param>
    public sealed record Created(int Id, string Token);

    public sealed class Handler(GacetaDb db, InstallationKeys keys, SiteClock clock, AuditLog audit)
    {
        private const string HashPurpose = "api-key";

        public async Task<IReadOnlyList<Row>> ListAsync(CancellationToken cancellationToken) =>
            await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
                .Select(k => new Row(k.Id, k.Name, k.Role, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.LastUsedAt))
                .ToListAsync(cancellationToken);

        /// <returns>Null when the name is empty or too long, or the role is not one of <see cref="Roles"/>.</returns>
        public async Task<Created?> CreateAsync(string? name, string? role, Actor actor, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(actor);
            var trimmed = name?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 100 || role is null || !Roles.Contains(role))
            {
                return null;
            }

            var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            var key = db.ApiKeys.Add(new ApiKey
            {
                Name = trimmed,
                Role = role,
                SecretHash = keys.Hash(HashPurpose, secret),
                CreatedAt = clock.UtcNow,
                CreatedBy = actor.Name,
            }).Entity;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(actor, AuditActions.ApiKeyCreated, string.Create(CultureInfo.InvariantCulture, $"key {key.Id} ({role}): {trimmed}"), cancellationToken);
            return new Created(key.Id, string.Create(CultureInfo.InvariantCulture, $"{TokenPrefix}{key.Id}_{secret}"));
        }

        public async Task<bool> RevokeAsync(int id, Actor actor, CancellationToken cancellationToken)
        {
            var revoked = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, clock.UtcNow), cancellationToken);
            if (revoked == 1)
            {
                await audit.RecordAsync(actor, AuditActions.ApiKeyRevoked, string.Create(CultureInfo.InvariantCulture, $"key {id}"), cancellationToken);
            }

            return revoked == 1;
        }

        /// <summary>The actor a presented key stands for, or null when it is malformed, unknown, wrong or revoked.</summary>
        public async Task<Actor?> AuthenticateAsync(string? token, CancellationToken cancellationToken)
        {
            if (token is null || !token.StartsWith(TokenPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            var parts = token[TokenPrefix.Length..].Split('_', 2);
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || parts[1].Length is 0 or > 100)
            {
                return null;
            }

            var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
            var presented = Encoding.ASCII.GetBytes(keys.Hash(HashPurpose, parts[1]));
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
