using System.Globalization;
using System.Security.Cryptography;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Security;
using Gaceta.Site;

namespace Gaceta.Api;

/// <summary>An administrator makes an API key for one role; the whole key is shown once, only its hash is kept.</summary>
public static class CreateApiKey
{
    public sealed record Command(string? Name, string? Role, Actor Actor);

    /// <param name="Token">The whole key, to show once.</param>
    public sealed record Created(int Id, string Token);

    public sealed class Handler(GacetaDb db, InstallationKeys keys, SiteClock clock, AuditLog audit)
    {
        /// <returns>Null when the name is empty or too long, or the role is not one of <see cref="ApiKeys.Roles"/>.</returns>
        public async Task<Created?> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (name, role, actor) = command;
            ArgumentNullException.ThrowIfNull(actor);
            var trimmed = name?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 100 || role is null || !ApiKeys.Roles.Contains(role))
            {
                return null;
            }

            var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            // The id is known only after the first save; the audit entry naming it is written in the same transaction.
            var key = await db.InTransactionAsync(
                async () =>
                {
                    var added = db.ApiKeys.Add(new ApiKey
                    {
                        Name = trimmed,
                        Role = role,
                        SecretHash = keys.Hash(ApiKeys.HashPurpose, secret),
                        CreatedAt = clock.UtcNow,
                        CreatedBy = actor.Name,
                    }).Entity;
                    await db.SaveChangesAsync(cancellationToken);
                    audit.Add(actor, AuditActions.ApiKeyCreated, string.Create(CultureInfo.InvariantCulture, $"key {added.Id} ({role}): {trimmed}"));
                    await db.SaveChangesAsync(cancellationToken);
                    return added;
                },
                cancellationToken);
            return new Created(key.Id, string.Create(CultureInfo.InvariantCulture, $"{ApiKeys.TokenPrefix}{key.Id}_{secret}"));
        }
    }
}
