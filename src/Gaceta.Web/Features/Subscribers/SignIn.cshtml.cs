using System.Globalization;
using Gaceta.Site;
using Gaceta.Subscribers;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Network;
using Gaceta.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Subscribers;

/// <summary>
/// <c>/{lang}/newsletters/sign-in</c>: subscribers ask for a sign-in link by email. The form is the same for
/// everyone (cacheable); its answer is the same whether the address is known or not, sent or held back.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class SignInModel(
    RequestSignInLink.Handler signIn,
    IOptions<SiteOptions> site,
    IOptions<SubscriptionOptions> subscriptions,
    SiteLanguages languages,
    IStringLocalizer<SharedResource> text) : ReaderPageModel
{
    public string? Email { get; private set; }

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public IActionResult OnGet()
    {
        Describe();
        AllowPublicCaching();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        [FromForm(Name = "email")] string? email,
        [FromForm(Name = "website")] string? honeypot,
        CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Describe();
        Email = email;
        if (!Request.IsSameOrigin(site.Value))
        {
            Error = text["This form can only be sent from Gaceta's own pages."];
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var outcome = await signIn.HandleAsync(new RequestSignInLink.Command(email, honeypot, HttpContext.ClientAddress()), cancellationToken);
        if (outcome == RequestSignInLink.Outcome.Invalid)
        {
            Error = text[string.IsNullOrWhiteSpace(email) ? SubscribeErrors.EmailRequired : SubscribeErrors.EmailInvalid];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Sent, unknown, held back or spam: one answer, so the form never tells who subscribes.
        Notice = string.Format(CultureInfo.CurrentCulture, text[SentNotice], subscriptions.Value.SignInLinkMinutes);
        Email = null;
        return Page();
    }

    /// <summary>The answer to every well-formed request.</summary>
    public const string SentNotice = "If this address receives our newsletters, a link to sign in is on its way. It works once, for {0} minutes. If nothing arrives, check your spam folder, or ask again in a few minutes.";

    private void Describe() =>
        Head = new ReaderHead(
            text["Sign in to your newsletters"],
            text["Manage your newsletters and read past editions: we email you a link to sign in."],
            SubscriberArea.SignInPath(Lang),
            languages.All.Select(l => new Alternate(l.Code, SubscriberArea.SignInPath(l.Code))).ToList());
}
