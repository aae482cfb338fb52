using Gaceta.Site;
using Gaceta.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Account;

/// <summary>A staff member picks the staff area's language; it is kept on their account.</summary>
public sealed class LanguageModel(UserManager<StaffMember> users, SignInManager<StaffMember> signIn, SiteLanguages languages) : AdminPageModel
{
    public IActionResult OnGet() => Redirect("/admin/stories");

    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl)
    {
        if (!languages.IsSupported(language))
        {
            return BadRequest();
        }

        var member = await users.GetUserAsync(User);
        if (member is null)
        {
            return Challenge();
        }

        member.Language = language!;
        await users.UpdateAsync(member);
        // The language travels in the sign-in cookie: issue a new one.
        await signIn.RefreshSignInAsync(member);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(AdminArea.PathPrefix, StringComparison.OrdinalIgnoreCase) ? returnUrl : "/admin/stories");
    }
}
