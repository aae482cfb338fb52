using Gaceta.Audit;
using Gaceta.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Account;

/// <summary>Ends the session. A GET only asks; the POST signs out.</summary>
public sealed class SignOutModel(SignInManager<StaffMember> signIn, AuditLog audit) : AdminPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var actor = Actor;
        await signIn.SignOutAsync();
        await audit.RecordAsync(actor, AuditActions.SignedOut, actor.Name, cancellationToken);
        return Redirect(AdminArea.SignInPath);
    }
}
