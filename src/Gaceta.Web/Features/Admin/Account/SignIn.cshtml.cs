using Gaceta.Audit;
using Gaceta.Staff;
using Gaceta.Web.Infrastructure.Network;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaceta.Web.Features.Admin.Account;

/// <summary>
/// Email and password; then, for accounts with a second factor, a code (<see cref="TwoFactorSignInModel"/>). Wrong
/// attempts are throttled per account and address (<see cref="SignInThrottle"/>), never locked out, and limited
/// per address (<see cref="SignInRateLimiter"/>).
/// </summary>
public sealed class SignInModel(SignInManager<StaffMember> signIn, SignInRateLimiter limiter, SignInThrottle throttle, AuditLog audit) : PageModel
{
    public const string WrongCredentials = "The email or the password is wrong.";
    public const string Disabled = "This account has been disabled. Ask an administrator.";
    public const string TooManyAttempts = "Too many sign-in attempts from your connection. Wait a few minutes and try again.";
    public const string SlowDown = "Too many wrong attempts for this account from your connection. Wait {0} seconds and try again.";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    /// <summary>Seconds to wait, for <see cref="SlowDown"/>.</summary>
    public int WaitSeconds { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var client = HttpContext.ClientAddress();
        if (limiter.TryAcquire(client) is not null)
        {
            return Refuse(TooManyAttempts, StatusCodes.Status429TooManyRequests);
        }

        var email = Gaceta.Mail.EmailAddress.Canonicalize(Email) ?? Email?.Trim() ?? string.Empty;
        if (throttle.RetryAfter(email, client) is { } wait)
        {
            WaitSeconds = (int)Math.Ceiling(wait.TotalSeconds);
            Response.Headers.RetryAfter = WaitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Refuse(SlowDown, StatusCodes.Status429TooManyRequests);
        }

        var result = email.Length == 0 || string.IsNullOrEmpty(Password)
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(email, Password, isPersistent: false, lockoutOnFailure: false);
        var account = email.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(email);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            throttle.Succeeded(email, client);
        }

        if (result.Succeeded)
        {
            await audit.RecordAsync(new Actor(account!.Id, account.DisplayName, string.Empty), AuditActions.SignedIn, email, cancellationToken);
            return LocalRedirect(SafeReturn(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Admin/Account/TwoFactorSignIn", new { returnUrl = SafeReturn(Url, ReturnUrl) });
        }

        if (result.IsLockedOut)
        {
            // Lockout is how an administrator disables an account; wrong passwords never lock one.
            return Refuse(Disabled, StatusCodes.Status400BadRequest);
        }

        throttle.Failed(email, client);
        // Failures are recorded against real accounts only: what someone typed into the email field of an
        // unknown account (a password, by mistake) stays out of the log.
        if (account is not null)
        {
            await audit.RecordAsync(null, AuditActions.SignInFailed, email, cancellationToken);
        }

        return Refuse(WrongCredentials, StatusCodes.Status400BadRequest);
    }

    /// <summary>Only a staff-area address on this site may be returned to after signing in.</summary>
    internal static string SafeReturn(IUrlHelper url, string? returnUrl) =>
        url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(AdminArea.PathPrefix, StringComparison.OrdinalIgnoreCase) ? returnUrl : "/admin/stories";

    private PageResult Refuse(string error, int status)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }
}
