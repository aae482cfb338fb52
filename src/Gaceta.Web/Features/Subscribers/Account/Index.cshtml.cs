using System.Globalization;
using Gaceta.Site;
using Gaceta.Subscribers;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Network;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gaceta.Web.Features.Subscribers.Account;

/// <summary>
/// <c>/newsletters/account</c>: the signed-in subscriber's language and newsletters. Each change is a POST
/// answered by a 303 back here with what was done.
/// </summary>
public sealed class IndexModel(
    ReadSubscriberAccount.Handler account,
    SetSubscriberLanguage.Handler setLanguage,
    SubscribeFromAccount.Handler subscribe,
    UnsubscribeFromAccount.Handler unsubscribe,
    SiteLanguages languages,
    SiteUrls urls,
    IStringLocalizer<SharedResource> text)
    : SubscriberPageModel
{
    public ReadSubscriberAccount.View Account { get; private set; } = null!;

    public IReadOnlyList<SiteLanguage> Languages => languages.All;

    /// <summary>What the last POST did: <c>language</c>, <c>joined</c> or <c>left</c>.</summary>
    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    public string? Error { get; private set; }

    /// <summary>The newsletter a refused subscribe form was for.</summary>
    public int? ErrorFor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : await GoneAsync();

    public async Task<IActionResult> OnPostLanguageAsync([FromForm(Name = "language")] string? language, CancellationToken cancellationToken)
    {
        var chosen = languages.Find(language);
        if (chosen is null)
        {
            return await RefuseAsync(text["Choose one of the languages offered."], null, cancellationToken);
        }

        if (await setLanguage.HandleAsync(new SetSubscriberLanguage.Command(SubscriberId, chosen.Code), cancellationToken) == SubscriberAccountOutcome.NotFound)
        {
            return await GoneAsync();
        }

        // The cookie carries the language the pages speak: it changes with it.
        await SubscriberArea.SignInAsync(HttpContext, SubscriberId, chosen.Code, SubscriberArea.Stamp(User));
        return SubscriberArea.SeeOther(Response, SubscriberArea.AccountPath + "?done=language");
    }

    public async Task<IActionResult> OnPostJoinAsync(
        [FromForm(Name = "newsletter")] int newsletter,
        [FromForm(Name = "consent")] string? consent,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return await GoneAsync();
        }

        var state = Account.Newsletters.FirstOrDefault(n => n.Id == newsletter);
        if (state is null)
        {
            return await RefuseAsync(text[SubscribeErrors.NewsletterUnknown], null, cancellationToken);
        }

        if (consent is not ("yes" or "on" or "true"))
        {
            return await RefuseAsync(text[SubscribeErrors.ConsentRequired], newsletter, cancellationToken);
        }

        var outcome = await subscribe.HandleAsync(
            new SubscribeFromAccount.Command(
                SubscriberId,
                newsletter,
                string.Format(CultureInfo.CurrentCulture, text[Newsletters.IndexModel.ConsentLabel], state.Name),
                urls.Absolute(SubscriberArea.AccountPath),
                HttpContext.ClientAddress()),
            cancellationToken);
        return outcome switch
        {
            SubscriberAccountOutcome.Done => SubscriberArea.SeeOther(Response, SubscriberArea.AccountPath + "?done=joined"),
            SubscriberAccountOutcome.NotAllowed => await RefuseAsync(text["This premium newsletter needs a subscription or a gift of access first."], newsletter, cancellationToken, StatusCodes.Status403Forbidden),
            _ => await GoneAsync(),
        };
    }

    public async Task<IActionResult> OnPostLeaveAsync([FromForm(Name = "newsletter")] int newsletter, CancellationToken cancellationToken)
    {
        await unsubscribe.HandleAsync(new UnsubscribeFromAccount.Command(SubscriberId, newsletter), cancellationToken);
        return SubscriberArea.SeeOther(Response, SubscriberArea.AccountPath + "?done=left");
    }

    /// <summary>Ends every session of the subscriber, on this browser and any other, including a copied cookie.</summary>
    public async Task<IActionResult> OnPostSignOutAsync([FromServices] EndSubscriberSessions.Handler sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var language = Language.Code;
        await sessions.HandleAsync(new EndSubscriberSessions.Command(SubscriberId), cancellationToken);
        await SubscriberArea.SignOutAsync(HttpContext);
        return SubscriberArea.SeeOther(Response, NewslettersPath(language));
    }

    private static string NewslettersPath(string language) => Newsletters.IndexModel.Path(language);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var view = await account.HandleAsync(new ReadSubscriberAccount.Query(SubscriberId), cancellationToken);
        if (view is null)
        {
            return false;
        }

        Account = view;
        return true;
    }

    private async Task<IActionResult> RefuseAsync(string error, int? newsletter, CancellationToken cancellationToken, int status = StatusCodes.Status400BadRequest)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return await GoneAsync();
        }

        Done = null;
        Error = error;
        ErrorFor = newsletter;
        Response.StatusCode = status;
        return Page();
    }
}
