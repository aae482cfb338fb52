using Gaceta.Audit;
using Gaceta.Mail;
using Microsoft.AspNetCore.Identity;

namespace Gaceta.Staff;

/// <summary>
/// An operator gives a staff member a new password (they forgot it, or it leaked): every session of the account
/// ends, and the new password must be changed at the next sign-in.
/// </summary>
public static class ResetStaffPassword
{
    /// <param name="Password">The new password; generated when null.</param>
    public sealed record Command(string Email, string? Password, Actor? Actor = null);

    /// <summary>The generated password to hand over once, or why nothing changed.</summary>
    public sealed record Result(bool Found, string? GeneratedPassword, IReadOnlyList<IdentityError> Errors)
    {
        public bool Succeeded => Found && Errors.Count == 0;
    }

    public sealed class Handler(UserManager<StaffMember> users, AuditLog audit)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var member = await users.FindByEmailAsync(EmailAddress.Canonicalize(command.Email) ?? command.Email.Trim());
            if (member is null)
            {
                return new Result(false, null, []);
            }

            var generated = command.Password is null ? AddStaffMember.GeneratePassword() : null;
            var password = command.Password ?? generated!;
            foreach (var validator in users.PasswordValidators)
            {
                var valid = await validator.ValidateAsync(users, member, password);
                if (!valid.Succeeded)
                {
                    return new Result(true, null, valid.Errors.ToList());
                }
            }

            member.PasswordHash = users.PasswordHasher.HashPassword(member, password);
            member.MustChangePassword = true;
            member.AccessFailedCount = 0;
            // A new stamp ends every session signed in with the old password; the entry is saved with the change.
            audit.Add(command.Actor, AuditActions.PasswordReset, member.Email ?? member.Id);
            var updated = await users.UpdateSecurityStampAsync(member);
            return updated.Succeeded ? new Result(true, generated, []) : new Result(true, null, updated.Errors.ToList());
        }
    }
}
