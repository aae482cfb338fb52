using System.Globalization;
using Gaceta.Newsletters;
using Gaceta.Site;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Newsletters;

/// <summary>
/// One edition at <c>/admin/editions/{id}</c>: previews per language, a test to oneself, sending now, and the
/// progress of a send (the page refreshes itself while sending).
/// </summary>
public sealed class DetailModel(ReadEdition.Handler editions, SiteLanguages languages) : AdminPageModel
{
    public const string TestSentNotice = "A test copy is on its way to your address.";
    public const string StartedNotice = "Sending has started.";
    public const string NotStartedNotice = "This edition cannot be sent now: it is already sending or sent.";
    public const string ConfirmOverdue = "This edition was due long ago. Tick the box to send it anyway.";

    [FromRoute(Name = "id")]
    public int EditionId { get; set; }

    public EditionProgress Progress { get; private set; } = null!;

    public string Subject { get; private set; } = string.Empty;

    public DateTime? ScheduledAt { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is not { } edition)
        {
            return NotFound();
        }

        Progress = edition.Progress;
        Subject = edition.Subject;
        ScheduledAt = edition.ScheduledAt;
        return Page();
    }

    /// <summary>Sends the edition, in the staff member's language, to the staff member's own address.</summary>
    public async Task<IActionResult> OnPostTestAsync(
        [FromServices] UserManager<Gaceta.Staff.StaffMember> users, [FromServices] SendEditionTest.Handler test, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(test);
        var member = await users.GetUserAsync(User);
        if (member?.Email is null
            || !await test.HandleAsync(new SendEditionTest.Command(EditionId, member.Email, languages.Find(member.Language)?.Code ?? languages.Default.Code, Actor), cancellationToken))
        {
            return NotFound();
        }

        Notify(TestSentNotice);
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/admin/editions/{EditionId}"));
    }

    /// <summary>Starts sending now; the background sender takes it from there.</summary>
    public async Task<IActionResult> OnPostSendAsync(bool confirmOverdue, [FromServices] StartEdition.Handler start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (await ReadAsync(cancellationToken) is not { } edition)
        {
            return NotFound();
        }

        if (edition.Status == EditionStatus.Overdue && !confirmOverdue)
        {
            Error = ConfirmOverdue;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(cancellationToken);
        }

        var result = await start.HandleAsync(EditionId, Actor, includeOverdue: confirmOverdue, cancellationToken);
        Notify(result.Outcome == StartEdition.Outcome.Started ? StartedNotice : NotStartedNotice);
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/admin/editions/{EditionId}"));
    }

    private Task<ReadEdition.Model?> ReadAsync(CancellationToken cancellationToken) =>
        editions.HandleAsync(new ReadEdition.Query(EditionId, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), cancellationToken);
}
