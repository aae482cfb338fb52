using System.Globalization;
using Gaceta.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Gaceta.Web.Features.Admin.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP): enrol by scanning a QR code (or typing the key) and
/// confirming one code, get ten recovery codes shown once, renew them, or turn the second factor off where the
/// role does not require it (<see cref="StaffOptions.TwoFactorRoles"/>).
/// </summary>
public sealed class TwoFactorModel(UserManager<StaffMember> users, SignInManager<StaffMember> signIn, IOptions<StaffOptions> options, EnableTwoFactor.Handler enable, RenewRecoveryCodes.Handler renew, DisableTwoFactor.Handler disable) : AdminPageModel
{
    public const string WrongCode = "That code is not right. Enter the six digits your app shows now.";
    public const string Enabled = "Two-factor sign-in is on.";
    public const string Disabled = "Two-factor sign-in is off.";
    public const string RequiredForRole = "Your role requires two-factor sign-in: set it up to go on.";

    public bool IsEnabled { get; private set; }

    public bool IsRequired { get; private set; }

    /// <summary>The QR code of the enrolment address, as SVG paths.</summary>
    public string? QrSvg { get; private set; }

    /// <summary>The key in groups of four, for typing into an app by hand.</summary>
    public string? ManualKey { get; private set; }

    /// <summary>Shown once, right after they are made.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string? Error { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await users.GetUserAsync(User) is { } member ? await ShowAsync(member) : Challenge();

    /// <summary>Confirms the app works (one right code), then turns the second factor on.</summary>
    public async Task<IActionResult> OnPostEnableAsync(string? code, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } member)
        {
            return Challenge();
        }

        if ((await enable.HandleAsync(new EnableTwoFactor.Command(member, code, Actor), cancellationToken)).RecoveryCodes is not { } codes)
        {
            Error = WrongCode;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(member);
        }

        RecoveryCodes = codes;
        await signIn.RefreshSignInAsync(member);
        return await ShowAsync(member, RecoveryCodes);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } member)
        {
            return Challenge();
        }

        var renewed = await renew.HandleAsync(new RenewRecoveryCodes.Command(member, Actor), cancellationToken);
        return await ShowAsync(member, renewed.RecoveryCodes);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } member)
        {
            return Challenge();
        }

        if (Required)
        {
            Error = RequiredForRole;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(member);
        }

        await disable.HandleAsync(new DisableTwoFactor.Command(member, Actor), cancellationToken);
        await signIn.RefreshSignInAsync(member);
        Notify(Disabled);
        return Redirect("/admin/account/two-factor");
    }

    /// <summary>Whether the signed-in person's role must sign in with a second factor.</summary>
    private bool Required => options.Value.RolesNeedingTwoFactor.Any(User.IsInRole);

    private async Task<PageResult> ShowAsync(StaffMember member, IReadOnlyList<string>? freshCodes = null)
    {
        IsEnabled = member.TwoFactorEnabled;
        IsRequired = Required;
        RecoveryCodes = freshCodes ?? [];
        if (IsEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(member);
            return Page();
        }

        var key = await users.GetAuthenticatorKeyAsync(member);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(member);
            key = await users.GetAuthenticatorKeyAsync(member);
            // A new key renews the account's stamp; this session carries on with it.
            await signIn.RefreshSignInAsync(member);
        }

        ManualKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var site = HttpContext.RequestServices.GetRequiredService<IOptions<Gaceta.Site.SiteOptions>>().Value.Name;
        var label = Uri.EscapeDataString($"{site}:{member.Email}");
        var uri = string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(site)}&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
        return Page();
    }
}
