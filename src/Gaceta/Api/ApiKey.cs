using Gaceta.Staff;

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

/// <summary>What making, listing, revoking and checking API keys share: the key's form, its hash and its roles.</summary>
public static class ApiKeys
{
    /// <summary>Keys read <c>gk_{id}_{secret}</c>: the id finds the row, the secret proves the holder.</summary>
    public const string TokenPrefix = "gk_";

    /// <summary>The purpose the secret is hashed under with the installation key.</summary>
    internal const string HashPurpose = "api-key";

    /// <summary>Roles a key may carry: administration stays with people.</summary>
    public static IReadOnlyList<string> Roles => StaffPermissions.ApiKeyRoles;
}
