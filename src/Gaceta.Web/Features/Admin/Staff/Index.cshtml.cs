using Gaceta.Staff;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Staff;

/// <summary>
/// Staff accounts, for administrators, at <c>/admin/staff</c>: the list, a form to add one, and per account its
/// role and whether it may sign in.
/// </summary>
public sealed class IndexModel(ListStaff.Handler staff, AddStaffMember.Handler add, ManageStaffMember.Handler manage) : AdminPageModel
{
    public const string DuplicateEmail = "A staff member with this email already exists.";
    public const string InvalidEmail = "Give a valid email address.";
    public const string UnknownRole = "Choose a role.";
    public const string NameTooLong = "The name is too long (200 characters at most).";
    public const string NotCreated = "The account could not be created.";
    public const string OwnAccount = "You cannot change your own role or access; ask another administrator.";
    public const string ChangedNotice = "Staff account changed. Their open sessions end within a minute.";

    public IReadOnlyList<ListStaff.Member> Members { get; private set; } = [];

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

    public async Task OnGetAsync(CancellationToken cancellationToken) => Members = await staff.HandleAsync(cancellationToken);

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
                "InvalidName" => NameTooLong,
                _ => NotCreated,
            }).Distinct().ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Members = await staff.HandleAsync(cancellationToken);
        return Page();
    }

    /// <summary>Changes one account's role, or takes its access away or gives it back.</summary>
    public async Task<IActionResult> OnPostChangeAsync(string memberId, string? role, bool? enabled, CancellationToken cancellationToken)
    {
        var outcome = await manage.HandleAsync(new ManageStaffMember.Command(memberId, role, enabled, Actor), cancellationToken);
        switch (outcome)
        {
            case ManageStaffMember.Outcome.NotFound:
                return NotFound();
            case ManageStaffMember.Outcome.Changed:
                Notify(ChangedNotice);
                return Redirect("/admin/staff");
            default:
                Errors = [outcome == ManageStaffMember.Outcome.OwnAccount ? OwnAccount : UnknownRole];
                Members = await staff.HandleAsync(cancellationToken);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }
}
