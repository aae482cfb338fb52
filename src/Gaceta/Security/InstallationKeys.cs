using System.Security.Cryptography;
using System.Text;
using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Security;

/// <summary>
/// Keyed hashes and signed tokens from the installation's secret. The secret is read (or made, by the first
/// node to start) once, when the host starts; see <see cref="LoadAsync"/>.
/// </summary>
public sealed class InstallationKeys(TimeProvider time)
{
    private byte[]? _key;

    private byte[] Key => _key ?? throw new InvalidOperationException("The installation keys have not been loaded yet.");

    /// <summary>Reads the installation's secret, creating it if this is the first start of the installation.</summary>
    public async Task LoadAsync(GacetaDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var secret = await db.InstallationSecrets.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (secret is null)
        {
            db.InstallationSecrets.Add(new InstallationSecret { Key = RandomNumberGenerator.GetBytes(32), CreatedAt = time.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node made it first; use theirs.
                db.ChangeTracker.Clear();
            }

            secret = await db.InstallationSecrets.AsNoTracking().FirstAsync(cancellationToken);
        }

        _key = secret.Key;
    }

    /// <summary>A stable, keyed hash (hex, 64 characters) that cannot be reversed by trying every input without the key.</summary>
    public string Hash(string purpose, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"{purpose}\n{value}")));
    }

    /// <summary>
    /// A URL-safe token naming <paramref name="id"/> for one purpose, signed with 128 bits of HMAC, valid until
    /// <paramref name="expiresAt"/> (or forever when null).
    /// </summary>
    public string CreateToken(string purpose, long id, DateTime? expiresAt)
    {
        var payload = new byte[16];
        BitConverter.TryWriteBytes(payload.AsSpan(0, 8), id);
        BitConverter.TryWriteBytes(payload.AsSpan(8, 8), expiresAt?.ToUniversalTime().Ticks ?? 0L);
        var token = new byte[32];
        payload.CopyTo(token, 0);
        Sign(purpose, payload).CopyTo(token, 16);
        return System.Buffers.Text.Base64Url.EncodeToString(token);
    }

    /// <summary>The id a token names, when the signature holds, the purpose matches and it has not expired.</summary>
    public bool TryReadToken(string purpose, string? token, DateTime utcNow, out long id)
    {
        if (!TryReadSignedToken(purpose, token, out id, out var expiresAt) || (expiresAt is { } expires && utcNow >= expires))
        {
            id = 0;
            return false;
        }

        return true;
    }

    /// <summary>
    /// The id and expiry a token names when the signature holds and the purpose matches, expired or not, for callers
    /// that answer an expired token differently from a forged one.
    /// </summary>
    public bool TryReadSignedToken(string purpose, string? token, out long id, out DateTime? expiresAt)
    {
        id = 0;
        expiresAt = null;
        if (token is null || token.Length != 43 || !TryFromBase64Url(token, out var bytes) || bytes.Length != 32)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(Sign(purpose, bytes.AsSpan(0, 16).ToArray()), bytes.AsSpan(16, 16)))
        {
            return false;
        }

        var expires = BitConverter.ToInt64(bytes, 8);
        if (expires is < 0 or > 3_155_378_975_999_999_999)
        {
            return false;
        }

        expiresAt = expires == 0 ? null : new DateTime(expires, DateTimeKind.Utc);
        id = BitConverter.ToInt64(bytes, 0);
        return true;
    }

    private byte[] Sign(string purpose, byte[] payload)
    {
        var data = new byte[payload.Length + Encoding.UTF8.GetByteCount(purpose)];
        payload.CopyTo(data, 0);
        Encoding.UTF8.GetBytes(purpose, data.AsSpan(payload.Length));
        return HMACSHA256.HashData(Key, data)[..16];
    }

    private static bool TryFromBase64Url(string token, out byte[] bytes)
    {
        bytes = System.Buffers.Text.Base64Url.IsValid(token) ? System.Buffers.Text.Base64Url.DecodeFromChars(token) : [];
        return bytes.Length > 0;
    }
}
