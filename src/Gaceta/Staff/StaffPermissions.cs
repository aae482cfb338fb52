namespace Gaceta.Staff;

/// <summary>What a role may do, in broad strokes; finer rules on particular stories are in <see cref="NewsroomPermissions"/>.</summary>
public enum StaffCapability
{
    /// <summary>Start stories and write drafts (reporters: their own).</summary>
    WriteStories,

    /// <summary>Publish, schedule, unpublish and correct any story; run polls, subscribers and editions.</summary>
    Publish,

    /// <summary>Create and edit translations.</summary>
    Translate,

    /// <summary>Staff accounts, API keys and the audit log.</summary>
    Administer,
}

/// <summary>
/// The one table from roles to permissions. The staff area's policies, the roles API keys may carry and the
/// core's rules all read it.
/// </summary>
public static class StaffPermissions
{
    private static readonly Dictionary<string, StaffCapability[]> Table = new(StringComparer.Ordinal)
    {
        [StaffRoles.Administrator] = [StaffCapability.WriteStories, StaffCapability.Publish, StaffCapability.Translate, StaffCapability.Administer],
        [StaffRoles.Editor] = [StaffCapability.WriteStories, StaffCapability.Publish, StaffCapability.Translate],
        [StaffRoles.Reporter] = [StaffCapability.WriteStories],
        [StaffRoles.Translator] = [StaffCapability.Translate],
    };

    public static bool Has(string? role, StaffCapability capability) =>
        role is not null && Table.TryGetValue(role, out var permissions) && permissions.Contains(capability);

    /// <summary>The roles that hold <paramref name="capability"/>, most powerful first.</summary>
    public static string[] RolesWith(StaffCapability capability) => StaffRoles.All.Where(r => Has(r, capability)).ToArray();

    /// <summary>The roles software may act in through an API key: every role but those that administer.</summary>
    public static IReadOnlyList<string> ApiKeyRoles { get; } = StaffRoles.All.Where(r => !Has(r, StaffCapability.Administer)).ToList();
}
