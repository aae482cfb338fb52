using Microsoft.AspNetCore.Identity;

namespace Gaceta.Staff;

/// <summary>
/// A person working in the newsroom, signing in with email and password. Their roles (<see cref="StaffRoles"/>)
/// decide what they may do; their language decides the staff area's interface language.
/// </summary>
public sealed class StaffMember : IdentityUser
{
    /// <summary>The name shown in revisions, the audit log and the staff list.</summary>
    public required string DisplayName { get; set; }

    /// <summary>The staff area's interface language for this person: a configured language code.</summary>
    public required string Language { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The password was set by someone else (an administrator, the command line): change it at next sign-in.</summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>What each role may do. A person holds one role.</summary>
public static class StaffRoles
{
    /// <summary>Everything an editor may do, and manage staff and read the audit log.</summary>
    public const string Administrator = nameof(Administrator);

    /// <summary>Publishes, unpublishes and corrects any story; manages polls and subscribers.</summary>
    public const string Editor = nameof(Editor);

    /// <summary>Writes and edits their own drafts; cannot publish.</summary>
    public const string Reporter = nameof(Reporter);

    /// <summary>Creates and edits translations only.</summary>
    public const string Translator = nameof(Translator);

    /// <summary>Every role, most powerful first.</summary>
    public static IReadOnlyList<string> All { get; } = [Administrator, Editor, Reporter, Translator];

    /// <summary>Finds a role by name in any letter case ("editor" is <see cref="Editor"/>).</summary>
    public static string? Find(string? role) => All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
