using System.ComponentModel.DataAnnotations;

namespace Gaceta.Staff;

/// <summary>Staff sign-in. Bound from <c>Staff</c>.</summary>
public sealed class StaffOptions
{
    public const string SectionName = "Staff";

    /// <summary>
    /// The roles that must sign in with a second factor (an authenticator app), comma-separated; empty or
    /// <c>none</c> for no one. Someone in such a role without one is taken to enrol before anything else.
    /// </summary>
    public string TwoFactorRoles { get; set; } = $"{StaffRoles.Administrator},{StaffRoles.Editor}";

    /// <summary>How long a staff session lasts however active it is; then the person signs in again.</summary>
    [Range(1, 24 * 30)]
    public int AbsoluteSessionHours { get; set; } = 12;

    /// <summary>The roles of <see cref="TwoFactorRoles"/>, as known role names.</summary>
    public IReadOnlyList<string> RolesNeedingTwoFactor =>
        TwoFactorRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(r => !string.Equals(r, "none", StringComparison.OrdinalIgnoreCase))
            .Select(StaffRoles.Find)
            .OfType<string>()
            .ToList();

    /// <summary>Whether every name in <see cref="TwoFactorRoles"/> is a role (or <c>none</c>).</summary>
    public bool TwoFactorRolesAreKnown =>
        TwoFactorRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(r => string.Equals(r, "none", StringComparison.OrdinalIgnoreCase) || StaffRoles.Find(r) is not null);
}
