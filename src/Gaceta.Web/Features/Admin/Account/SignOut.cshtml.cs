using Gaceta.Audit;
using Gaceta.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Account;

/// <summary>Ends the session. A GET only asks; the POST signs out.</summary>
public sealed class SignOutModel(SignInManager<StaffMember> signIn, UserManager<StaffMember> users, AuditLog audit) : AdminPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var actor = Actor;
        // A new security stamp ends this session everywhere: a copy of the cookie stops working too.
        if (await users.GetUserAsync(User) is { } member)
        {
            await users.UpdateSecurityStampAsync(member);
        }

        await signIn.SignOutAsync();
        await audit.RecordAsync(actor, AuditActions.SignedOut, actor.Name, cancellationToken);
        return Redirect(AdminArea.SignInPath);
    }
}
