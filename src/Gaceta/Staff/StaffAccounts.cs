using Gaceta.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Staff;

/// <summary>Staff accounts on ASP.NET Core Identity, stored in Gaceta's own database.</summary>
public static class StaffAccounts
{
    /// <summary>Passwords are at least this long; length is the only composition rule.</summary>
    public const int MinimumPasswordLength = 12;

    /// <summary>
    /// Registers users, roles and their stores. The web host adds sign-in and cookies on top; the command line
    /// uses this alone.
    /// </summary>
    public static IdentityBuilder AddStaffAccounts(this IServiceCollection services) =>
        services.AddIdentityCore<StaffMember>(options =>
            {
                // NIST SP 800-63B: length and a check against common passwords, no composition rules.
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Lockout only serves to disable an account (locked until the end of time). Wrong passwords are
                // throttled instead, so nobody can lock a real editor out by guessing (see SignInThrottle).
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GacetaDb>()
            .AddPasswordValidator<CommonPasswordValidator>();
}
