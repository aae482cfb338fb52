using Gaceta.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaceta.Web.Features.Admin.Account;

/// <summary>
/// A staff member changes their own password: the current one, the new one twice, the same rules as everywhere.
/// Other sessions of the account end; this one goes on. A password someone else set must be changed here first.
/// </summary>
public sealed class PasswordModel(UserManager<StaffMember> users, SignInManager<StaffMember> signIn, ChangeOwnPassword.Handler changePassword) : AdminPageModel
{
    public const string CurrentWrong = "The current password is wrong.";
    public const string Mismatch = "The new password and its repetition differ.";
    public const string TooShort = "The new password needs at least 12 characters.";
    public const string TooCommon = "That password is too common or too simple. Choose a longer, less predictable one.";
    public const string Required = "Fill in every field.";
    public const string Changed = "Your password has been changed. Other sessions of your account have ended.";
    public const string NotChanged = "The password could not be changed.";

    [BindProperty]
    public string? Current { get; set; }

    [BindProperty]
    public string? New { get; set; }

    [BindProperty]
    public string? Repeat { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool MustChange { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var member = await users.GetUserAsync(User);
        if (member is null)
        {
            return Challenge();
        }

        MustChange = member.MustChangePassword;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var member = await users.GetUserAsync(User);
        if (member is null)
        {
            return Challenge();
        }

        MustChange = member.MustChangePassword;
        if (string.IsNullOrEmpty(Current) || string.IsNullOrEmpty(New) || string.IsNullOrEmpty(Repeat))
        {
            return Refuse([Required]);
        }

        if (!string.Equals(New, Repeat, StringComparison.Ordinal))
        {
            return Refuse([Mismatch]);
        }

        var changed = await changePassword.HandleAsync(new ChangeOwnPassword.Command(member, Current, New, Actor), cancellationToken);
        if (!changed.Succeeded)
        {
            return Refuse(changed.Errors.Select(code => code switch
            {
                "PasswordMismatch" => CurrentWrong,
                "PasswordTooShort" => TooShort,
                CommonPasswordValidator.ErrorCode => TooCommon,
                _ => NotChanged,
            }).Distinct().ToList());
        }

        // Changing the password renewed the account's stamp, which ends every other session; this one is re-issued.
        await signIn.RefreshSignInAsync(member);
        Notify(Changed);
        return Redirect("/admin/stories");
    }

    private PageResult Refuse(IReadOnlyList<string> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
