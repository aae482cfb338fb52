using System.Globalization;
using System.Text;
using Gaceta.Newsletters;
using Gaceta.Subscribers;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Subscribers;

/// <summary>One subscriber at <c>/admin/subscribers/{id}</c>, with GDPR export and erasure.</summary>
public sealed class DetailModel(
    ReadSubscriber.Handler subscribers,
    SetNewsletterAccess.Handler access,
    ExportSubscriberData.Handler export,
    EraseSubscriber.Handler erase,
    ListNewsletters.Handler newsletters) : AdminPageModel
{
    public const string ErasedNotice = "The subscriber was erased. Only the dates of their subscriptions and withdrawals remain, without the address.";
    public const string ConfirmErasure = "Tick the box to confirm the erasure.";
    public const string AccessChanged = "Access saved.";
    public const string AccessUnchanged = "Nothing to change: the access was already so.";
    public const string AccessPending = "Access given. The subscriber was sent a confirmation email and receives the newsletter once they confirm.";
    public const string AccessPremiumOnly = "Choose a premium newsletter: free ones are open to everyone.";

    [FromRoute(Name = "id")]
    public int SubscriberId { get; set; }

    public SubscriberRows.Row Subscriber { get; private set; } = null!;

    public string? Error { get; private set; }

    /// <summary>The premium newsletters staff may give access to.</summary>
    public IReadOnlyList<ListNewsletters.Item> Premium { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.HandleAsync(new ReadSubscriber.Query(SubscriberId), cancellationToken);
        if (subscriber is null)
        {
            return NotFound();
        }

        Subscriber = subscriber;
        Premium = (await newsletters.HandleAsync(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken))
            .Where(n => n.Premium).ToList();
        return Page();
    }

    /// <summary>Gives or takes away a premium newsletter's access (complimentary or paid; free takes it away).</summary>
    public async Task<IActionResult> OnPostAccessAsync(int newsletter, AccessGrant grant, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(grant))
        {
            return await RefuseAsync(AccessPremiumOnly, cancellationToken);
        }

        var outcome = await access.HandleAsync(new SetNewsletterAccess.Command(SubscriberId, newsletter, grant, Actor), cancellationToken);
        switch (outcome)
        {
            case SetNewsletterAccess.Outcome.NotPremium:
                return await RefuseAsync(AccessPremiumOnly, cancellationToken);
            case SetNewsletterAccess.Outcome.NotFound:
                return NotFound();
            default:
                Notify(outcome switch
                {
                    SetNewsletterAccess.Outcome.Changed => AccessChanged,
                    SetNewsletterAccess.Outcome.ConfirmationSent => AccessPending,
                    _ => AccessUnchanged,
                });
                return Redirect(string.Create(CultureInfo.InvariantCulture, $"/admin/subscribers/{SubscriberId}"));
        }
    }

    private async Task<IActionResult> RefuseAsync(string error, CancellationToken cancellationToken)
    {
        AccessError = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await OnGetAsync(cancellationToken);
    }

    public string? AccessError { get; private set; }

    /// <summary>Everything held about the subscriber, as a JSON download (GDPR art. 15).</summary>
    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        var json = await export.HandleAsync(new ExportSubscriberData.Query(SubscriberId, Actor), cancellationToken);
        return json is null
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(json), "application/json", string.Create(CultureInfo.InvariantCulture, $"subscriber-{SubscriberId}.json"));
    }

    /// <summary>Erases the subscriber (GDPR art. 17), after an explicit confirmation.</summary>
    public async Task<IActionResult> OnPostEraseAsync(bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm)
        {
            Error = ConfirmErasure;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(cancellationToken);
        }

        if (!await erase.HandleAsync(new EraseSubscriber.Command(SubscriberId, Actor), cancellationToken))
        {
            return NotFound();
        }

        Notify(ErasedNotice);
        return Redirect("/admin/subscribers");
    }
}
