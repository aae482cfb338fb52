using System.Globalization;
using Gaceta.Newsletters;
using Gaceta.Site;
using Gaceta.Subscribers;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Network;
using Gaceta.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Newsletters;

/// <summary>
/// The newsletters at <c>/{lang}/newsletters</c>: a cacheable list, and for each free one a subscribe form that
/// posts here (Origin-checked, honeypot, per-client limit on confirmation mails, double opt-in).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel(
    ListNewsletters.Handler newsletters,
    SubscribeFromForm.Handler subscribe,
    IOptions<SiteOptions> site,
    SiteLanguages languages,
    SiteUrls urls,
    IStringLocalizer<SharedResource> text) : ReaderPageModel
{
    /// <summary>The words next to the consent box; the consent record keeps them exactly as shown.</summary>
    public const string ConsentLabel = "Send me {0} by email. I can unsubscribe at any time.";

    public IReadOnlyList<ListNewsletters.Item> Newsletters { get; private set; } = [];

    /// <summary>The newsletter whose form was sent, to show its message and keep its values.</summary>
    public string? Posted { get; private set; }

    public string? PostedEmail { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Notice { get; private set; }

    public static string Path(string language) => $"/{language}/newsletters";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        HttpContext.TagReaderCache(ReaderCache.NewslettersTag);
        AllowPublicCaching();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        [FromForm(Name = "newsletter")] string? newsletter,
        [FromForm(Name = "email")] string? email,
        [FromForm(Name = "consent")] string? consent,
        [FromForm(Name = "website")] string? honeypot,
        CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        Posted = newsletter;
        PostedEmail = email;
        if (!Request.IsSameOrigin(site.Value))
        {
            Errors = [text["This form can only be sent from Gaceta's own pages."]];
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        var chosen = Newsletters.FirstOrDefault(n => n.Key == newsletter && !n.Premium);
        var result = await subscribe.HandleAsync(
            new SubscribeFromForm.Command(
                Lang,
                newsletter,
                email,
                consent is "yes" or "on" or "true",
                honeypot,
                string.Format(CultureInfo.CurrentCulture, text[ConsentLabel], chosen?.Name ?? string.Empty),
                urls.Absolute(Path(Lang)),
                HttpContext.ClientAddress()),
            cancellationToken);
        switch (result.Outcome)
        {
            case SubscribeFromForm.Outcome.Invalid:
                Errors = result.Errors.Select(e => text[e].Value).ToList();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            default:
                // Sent, held back by a limit, already subscribed, or spam: all answered alike, so the page never tells
                // a stranger whether the address subscribes. What the owner may know goes to the address by mail.
                Notice = text["Almost done: we have sent you an email. Open the link in it to confirm your subscription."];
                PostedEmail = null;
                break;
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Newsletters = await newsletters.HandleAsync(Lang, cancellationToken);
        Head = new ReaderHead(text["Newsletters"], text["Gaceta's newsletters, free and premium, in your language."], Path(Lang), languages.All.Select(l => new Alternate(l.Code, Path(l.Code))).ToList());
    }
}
