using System.Security.Claims;
using Gaceta.Audit;
using Gaceta.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Admin;

/// <summary>The claims a staff member's sign-in cookie carries beyond Identity's own: name and interface language.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffMember> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffMember, IdentityRole>(users, roles, options)
{
    public const string NameClaim = "gaceta:name";
    public const string LanguageClaim = "gaceta:language";

    /// <summary>Present while the password was set by someone else and must be changed.</summary>
    public const string MustChangePasswordClaim = "gaceta:must-change-password";

    /// <summary>Present when the account signs in with a second factor.</summary>
    public const string TwoFactorClaim = "gaceta:two-factor";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffMember user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(NameClaim, user.DisplayName));
        identity.AddClaim(new Claim(LanguageClaim, user.Language));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(TwoFactorClaim, "true"));
        }

        return identity;
    }
}

public static class StaffPrincipal
{
    /// <summary>The signed-in staff member as the core sees them; their highest role decides.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");
        var role = StaffRoles.All.FirstOrDefault(user.IsInRole) ?? throw new InvalidOperationException("Not a staff member.");
        return new Actor(id, user.FindFirstValue(StaffClaimsFactory.NameClaim) ?? user.Identity?.Name ?? id, role);
    }
}
