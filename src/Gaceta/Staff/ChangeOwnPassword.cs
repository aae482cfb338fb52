using Gaceta.Audit;
using Gaceta.Data;
using Microsoft.AspNetCore.Identity;

namespace Gaceta.Staff;

/// <summary>
/// A staff member changes their own password, giving the current one. The new password clears the "must change"
/// mark and renews the account's stamp, which ends every other session; the audit entry lands with the change.
/// </summary>
public static class ChangeOwnPassword
{
    public sealed record Command(StaffMember Member, string Current, string New, Actor Actor);

    /// <param name="Errors">Identity's error codes when nothing changed (for example <c>PasswordMismatch</c>).</param>
    public sealed record Result(IReadOnlyList<string> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    public sealed class Handler(GacetaDb db, UserManager<StaffMember> users, AuditLog audit)
    {
        public Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            return db.InTransactionAsync(
                async () =>
                {
                    var changed = await users.ChangePasswordAsync(command.Member, command.Current, command.New);
                    if (!changed.Succeeded)
                    {
                        return new Result(changed.Errors.Select(e => e.Code).ToList());
                    }

                    command.Member.MustChangePassword = false;
                    audit.Add(command.Actor, AuditActions.PasswordChanged, command.Member.Email ?? command.Member.Id);
                    await users.UpdateAsync(command.Member);
                    return new Result([]);
                },
                cancellationToken);
        }
    }
}
