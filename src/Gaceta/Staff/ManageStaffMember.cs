using Gaceta.Audit;
using Gaceta.Data;
using Microsoft.AspNetCore.Identity;

namespace Gaceta.Staff;

/// <summary>
/// An administrator changes a staff member's role, or takes their access away and gives it back. Either change
/// renews the account's security stamp, so open sessions end at their next check (within a minute). Nobody
/// changes their own account this way, so the newsroom always keeps an administrator.
/// </summary>
public static class ManageStaffMember
{
    /// <param name="Role">The new role, or null to leave it.</param>
    /// <param name="Enabled">True to give access back, false to take it away, null to leave it.</param>
    public sealed record Command(string MemberId, string? Role, bool? Enabled, Actor Actor);

    public enum Outcome
    {
        Changed,
        NotFound,
        UnknownRole,
        OwnAccount,
    }

    public sealed class Handler(GacetaDb db, UserManager<StaffMember> users, AuditLog audit)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (command.MemberId == command.Actor.Id)
            {
                return Outcome.OwnAccount;
            }

            var member = await users.FindByIdAsync(command.MemberId);
            if (member is null)
            {
                return Outcome.NotFound;
            }

            // Identity saves each call on its own; in one transaction the role, the access and their entries land together.
            return await db.InTransactionAsync(
                async () =>
                {
                    if (command.Role is not null)
                    {
                        if (StaffRoles.Find(command.Role) is not { } role)
                        {
                            return Outcome.UnknownRole;
                        }

                        var current = await users.GetRolesAsync(member);
                        if (!current.SequenceEqual([role]))
                        {
                            await users.RemoveFromRolesAsync(member, current);
                            await users.AddToRoleAsync(member, role);
                            audit.Add(command.Actor, AuditActions.StaffRoleChanged, $"{member.Email} ({string.Join(", ", current)} → {role})");
                        }
                    }

                    if (command.Enabled is { } enabled)
                    {
                        await users.SetLockoutEnabledAsync(member, true);
                        await users.SetLockoutEndDateAsync(member, enabled ? null : DateTimeOffset.MaxValue);
                        audit.Add(command.Actor, enabled ? AuditActions.StaffEnabled : AuditActions.StaffDisabled, member.Email ?? member.Id);
                    }

                    // Saving the new stamp saves the entries with it.
                    await users.UpdateSecurityStampAsync(member);
                    return Outcome.Changed;
                },
                cancellationToken);
        }
    }
}
