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
        var email = Gaceta.Mail.EmailAddress.Canonicalize(Email) ?? Email?.Trim() ?? string.Empty;
        if (await HoldAsync(Response, limiter, throttle, email, client, cancellationToken) is { } hold)
        {
            WaitSeconds = hold.WaitSeconds;
            return Refuse(hold.Error, StatusCodes.Status429TooManyRequests);
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

    /// <summary>
    /// Whether an attempt on <paramref name="account"/> from <paramref name="client"/> must wait: the address's
    /// allowance across accounts first, then the account's throttle (which also sets <c>Retry-After</c>).
    /// </summary>
    internal static async Task<(string Error, int WaitSeconds)?> HoldAsync(HttpResponse response, SignInRateLimiter limiter, SignInThrottle throttle, string account, string client, CancellationToken cancellationToken)
    {
        if (await limiter.TryAcquireAsync(client, cancellationToken) is not null)
        {
            return (TooManyAttempts, 0);
        }

        if (throttle.RetryAfter(account, client) is not { } wait)
        {
            return null;
        }

        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (SlowDown, seconds);
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
