using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Staff;

/// <summary>The staff accounts, by name, with role and whether they can sign in.</summary>
public static class ListStaff
{
    public enum Access
    {
        Active,

        /// <summary>Locked for a while after repeated wrong passwords.</summary>
        LockedOut,

        /// <summary>Access taken away by an administrator.</summary>
        Disabled,
    }

    public sealed record Member(string Id, string Email, string Name, string Role, string Language, Access Access);

    public sealed class Handler(GacetaDb db, TimeProvider time)
    {
        public async Task<IReadOnlyList<Member>> HandleAsync(CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            var members = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
            var roles = await db.UserRoles.AsNoTracking()
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken);
            return members.Select(m => new Member(
                m.Id,
                m.Email ?? string.Empty,
                m.DisplayName,
                roles.FirstOrDefault(r => r.UserId == m.Id)?.Name ?? string.Empty,
                m.Language,
                m.LockoutEnd == DateTimeOffset.MaxValue ? Access.Disabled : m.LockoutEnd > now ? Access.LockedOut : Access.Active)).ToList();
        }
    }
}
