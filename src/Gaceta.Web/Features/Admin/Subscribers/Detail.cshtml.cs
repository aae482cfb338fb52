using System.Globalization;
using System.Text;
using Gaceta.Subscribers;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Subscribers;

/// <summary>One subscriber at <c>/admin/subscribers/{id}</c>, with GDPR export and erasure.</summary>
public sealed class DetailModel(SubscriberAdministration.Handler subscribers) : AdminPageModel
{
    public const string ErasedNotice = "The subscriber was erased. Only the dates of their subscriptions and withdrawals remain, without the address.";
    public const string ConfirmErasure = "Tick the box to confirm the erasure.";

    [FromRoute(Name = "id")]
    public int SubscriberId { get; set; }

    public SubscriberAdministration.Row Subscriber { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.FindAsync(SubscriberId, cancellationToken);
        if (subscriber is null)
        {
            return NotFound();
        }

        Subscriber = subscriber;
        return Page();
    }

    /// <summary>Everything held about the subscriber, as a JSON download (GDPR art. 15).</summary>
    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        var json = await subscribers.ExportDataAsync(SubscriberId, Actor, cancellationToken);
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

        if (!await subscribers.EraseAsync(SubscriberId, Actor, cancellationToken))
        {
            return NotFound();
        }

        Notify(ErasedNotice);
        return Redirect("/admin/subscribers");
    }
}
