using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Mail;
using Microsoft.AspNetCore.Identity;

namespace Gaceta.Staff;

/// <summary>
/// An operator takes away a staff member's second factor (a lost phone, no recovery codes left): the authenticator
/// key and recovery codes are dropped, every session ends, and a role that needs two factors enrols again at the
/// next sign-in.
/// </summary>
public static class ResetStaffTwoFactor
{
    public sealed record Command(string Email, Actor? Actor = null);

    public sealed class Handler(GacetaDb db, UserManager<StaffMember> users, AuditLog audit)
    {
        /// <returns>Whether the account exists.</returns>
        public async Task<bool> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var member = await users.FindByEmailAsync(EmailAddress.Canonicalize(command.Email) ?? command.Email.Trim());
            if (member is null)
            {
                return false;
            }

            return await db.InTransactionAsync(
                async () =>
                {
                    await users.SetTwoFactorEnabledAsync(member, false);
                    await users.RemoveAuthenticationTokenAsync(member, "[AspNetUserStore]", "AuthenticatorKey");
                    await users.RemoveAuthenticationTokenAsync(member, "[AspNetUserStore]", "RecoveryCodes");
                    audit.Add(command.Actor, AuditActions.TwoFactorReset, member.Email ?? member.Id);
                    await users.UpdateSecurityStampAsync(member);
                    return true;
                },
                cancellationToken);
        }
    }
}
