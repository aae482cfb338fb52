using Gaceta.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Staff;

/// <summary>Staff accounts on ASP.NET Core Identity, stored in Gaceta's own database.</summary>
public static class StaffAccounts
{
    /// <summary>Passwords are at least this long; length is the only composition rule.</summary>
    public const int MinimumPasswordLength = 12;

    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    public const int FailuresBeforeLockout = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

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
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = FailuresBeforeLockout;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<GacetaDb>()
            .AddPasswordValidator<CommonPasswordValidator>();
}
