using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Security;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>
/// Addresses no mail goes to any more (a relay refused them for good), kept as keyed hashes of their canonical
/// form. Editions skip them, and no confirmation or sign-in mail is sent to them either.
/// </summary>
public sealed class SuppressionList(InstallationKeys keys)
{
    /// <summary>The purpose of the keyed hash suppressions are stored under.</summary>
    public const string Purpose = "suppressed-address";

    public string HashOf(string email) => keys.Hash(Purpose, EmailAddress.Key(email));

    public Task<bool> ContainsAsync(GacetaDb db, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hash = HashOf(email);
        return db.Suppressions.AnyAsync(s => s.EmailHash == hash, cancellationToken);
    }
}
