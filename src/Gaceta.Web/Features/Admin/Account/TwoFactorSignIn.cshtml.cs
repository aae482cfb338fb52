using Gaceta.Audit;
using Gaceta.Staff;
using Gaceta.Web.Infrastructure.Network;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaceta.Web.Features.Admin.Account;

/// <summary>
/// The second step of signing in: a six-digit code from the authenticator app, or one of the recovery codes
/// (each works once). Only reachable after the password was right; throttled like the password.
/// </summary>
public sealed class TwoFactorSignInModel(SignInManager<StaffMember> signIn, SignInRateLimiter limiter, SignInThrottle throttle, AuditLog audit) : PageModel
{
    public const string WrongCode = "That code is not right. Try the current code in your app, or a recovery code.";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? Error { get; private set; }

    public int WaitSeconds { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Admin/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var member = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (member is null)
        {
            return RedirectToPage("/Admin/Account/SignIn");
        }

        var client = HttpContext.ClientAddress();
        var account = member.Email ?? member.Id;
        if (await SignInModel.HoldAsync(Response, limiter, throttle, account, client, cancellationToken) is { } hold)
        {
            WaitSeconds = hold.WaitSeconds;
            return Refuse(hold.Error, StatusCodes.Status429TooManyRequests);
        }

        var code = new string((Code ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());
        var result = code.Length == 0 ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : code.Length == 6 && code.All(char.IsAsciiDigit)
                ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
                : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            throttle.Succeeded(account, client);
            await audit.RecordAsync(new Actor(member.Id, member.DisplayName, string.Empty), AuditActions.SignedIn, account, cancellationToken);
            return LocalRedirect(SignInModel.SafeReturn(Url, ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            return Refuse(SignInModel.Disabled);
        }

        throttle.Failed(account, client);
        await audit.RecordAsync(null, AuditActions.SignInFailed, account, cancellationToken);
        return Refuse(WrongCode);
    }

    private PageResult Refuse(string error, int status = StatusCodes.Status400BadRequest)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }
}
