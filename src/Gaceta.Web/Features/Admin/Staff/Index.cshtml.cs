using Gaceta.Data;
using Gaceta.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Web.Features.Admin.Staff;

/// <summary>Staff accounts, for administrators, at <c>/admin/staff</c>: the list and a form to add one.</summary>
public sealed class IndexModel(GacetaDb db, AddStaffMember.Handler add, TimeProvider time) : AdminPageModel
{
    public const string DuplicateEmail = "A staff member with this email already exists.";
    public const string InvalidEmail = "Give a valid email address.";
    public const string UnknownRole = "Choose a role.";
    public const string NotCreated = "The account could not be created.";

    public sealed record Member(string Email, string Name, string Role, string Language, bool LockedOut);

    public IReadOnlyList<Member> Members { get; private set; } = [];

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    /// <summary>Shown once, right after the account was made; never stored in readable form.</summary>
    public string? GeneratedPassword { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await add.HandleAsync(new AddStaffMember.Command(Email ?? string.Empty, Role ?? string.Empty, DisplayName, Language, null, Actor), cancellationToken);
        if (result.Succeeded)
        {
            GeneratedPassword = result.GeneratedPassword;
            Email = DisplayName = null;
        }
        else
        {
            Errors = result.Errors.Select(e => e.Code switch
            {
                "DuplicateUserName" or "DuplicateEmail" => DuplicateEmail,
                "InvalidEmail" => InvalidEmail,
                "UnknownRole" => UnknownRole,
                _ => NotCreated,
            }).Distinct().ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var members = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var roles = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        Members = members.Select(m => new Member(
            m.Email ?? string.Empty,
            m.DisplayName,
            roles.FirstOrDefault(r => r.UserId == m.Id)?.Name ?? string.Empty,
            m.Language,
            m.LockoutEnd > now)).ToList();
    }
}
