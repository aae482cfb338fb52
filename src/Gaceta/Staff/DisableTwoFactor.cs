using Gaceta.Audit;
using Gaceta.Data;
using Microsoft.AspNetCore.Identity;

namespace Gaceta.Staff;

/// <summary>
/// A staff member turns off their own second factor, when their role does not require one; the authenticator key
/// is renewed, so turning it on again means scanning a new one.
/// </summary>
public static class DisableTwoFactor
{
    public sealed record Command(StaffMember Member, Actor Actor);

    public sealed class Handler(GacetaDb db, UserManager<StaffMember> users, AuditLog audit)
    {
        public Task HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            return db.InTransactionAsync(
                async () =>
                {
                    await users.SetTwoFactorEnabledAsync(command.Member, false);
                    audit.Add(command.Actor, AuditActions.TwoFactorDisabled, command.Member.Email ?? command.Member.Id);
                    await users.ResetAuthenticatorKeyAsync(command.Member);
                    return true;
                },
                cancellationToken);
        }
    }
}
