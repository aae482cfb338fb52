using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Staff;

/// <summary>Staff accounts (Identity), their management, and their settings (<c>Staff</c>).</summary>
public static class StaffModule
{
    public static IServiceCollection AddStaff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StaffOptions>(configuration, StaffOptions.SectionName)
            .Validate(o => o.TwoFactorRolesAreKnown, "Staff:TwoFactorRoles must list roles (Administrator, Editor, Reporter, Translator), or none.");
        services.AddStaffAccounts();
        services.AddScoped<AddStaffMember.Handler>();
        services.AddScoped<ManageStaffMember.Handler>();
        services.AddScoped<ResetStaffPassword.Handler>();
        services.AddScoped<ResetStaffTwoFactor.Handler>();
        services.AddScoped<ListStaff.Handler>();
        services.AddScoped<ChangeOwnPassword.Handler>();
        services.AddScoped<EnableTwoFactor.Handler>();
        services.AddScoped<RenewRecoveryCodes.Handler>();
        services.AddScoped<DisableTwoFactor.Handler>();
        return services;
    }
}
