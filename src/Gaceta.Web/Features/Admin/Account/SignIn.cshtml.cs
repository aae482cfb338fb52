using Gaceta.Audit;
using Gaceta.Staff;
using Gaceta.Web.Infrastructure.Network;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaceta.Web.Features.Admin.Account;

/// <summary>Email and password, with lockout after repeated failures and a limit per client address.</summary>
public sealed class SignInModel(SignInManager<StaffMember> signIn, SignInRateLimiter limiter, AuditLog audit) : PageModel
{
    public const string WrongCredentials = "The email or the password is wrong.";
    public const string LockedOut = "Too many failed attempts: this account is locked for 15 minutes.";
    public const string Disabled = "This account has been disabled. Ask an administrator.";
    public const string TooManyAttempts = "Too many sign-in attempts from your connection. Wait a few minutes and try again.";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (limiter.TryAcquire(HttpContext.ClientAddress()) is not null)
        {
            Error = TooManyAttempts;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var email = Gaceta.Mail.EmailAddress.Canonicalize(Email) ?? Email?.Trim() ?? string.Empty;
        var result = email.Length == 0 || string.IsNullOrEmpty(Password)
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(email, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var member = await signIn.UserManager.FindByNameAsync(email);
            await audit.RecordAsync(new Actor(member!.Id, member.DisplayName, string.Empty), AuditActions.SignedIn, email, cancellationToken);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith(AdminArea.PathPrefix, StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/admin/stories");
        }

        // Failures are recorded against real accounts only: what someone typed into the email field of an
        // unknown account (a password, by mistake) stays out of the log.
        var account = email.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(email);
        if (account is not null)
        {
            await audit.RecordAsync(null, result.IsLockedOut ? AuditActions.StaffLockedOut : AuditActions.SignInFailed, email, cancellationToken);
        }

        Error = !result.IsLockedOut ? WrongCredentials
            : account?.LockoutEnd == DateTimeOffset.MaxValue ? Disabled
            : LockedOut;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
