using System.Globalization;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Newsletters;
using Gaceta.Site;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Web.Features.Admin.Editions;

/// <summary>
/// One edition at <c>/admin/editions/{id}</c>: previews per language, a test to oneself, sending now, and the
/// progress of a send (the page refreshes itself while sending).
/// </summary>
public sealed class DetailModel(GacetaDb db, SiteClock clock, SiteLanguages languages, EditionMail mail, MailOutbox outbox, AuditLog audit) : AdminPageModel
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
        var edition = await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == EditionId, cancellationToken);
        if (edition is null)
        {
            return NotFound();
        }

        Progress = await EditionSender.ProgressAsync(db, EditionId, cancellationToken);
        Subject = (edition.TextIn(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ?? edition.Texts.FirstOrDefault())?.Subject ?? string.Empty;
        ScheduledAt = edition.ScheduledAt;
        return Page();
    }

    /// <summary>Sends the edition, in the staff member's language, to the staff member's own address.</summary>
    public async Task<IActionResult> OnPostTestAsync([FromServices] UserManager<Gaceta.Staff.StaffMember> users, CancellationToken cancellationToken)
    {
        var content = await EditionContent.LoadAsync(db, EditionId, clock.UtcNow, cancellationToken);
        var member = await users.GetUserAsync(User);
        if (content is null || member?.Email is null)
        {
            return NotFound();
        }

        var message = mail.Compose(mail.Render(content, languages.Find(member.Language)?.Code ?? languages.Default.Code), 0, 0, member.Email);
        message.Subject = "[TEST] " + message.Subject;
        outbox.Enqueue(message, "edition-test");
        audit.Add(Actor, AuditActions.EditionTestSent, string.Create(CultureInfo.InvariantCulture, $"edition {EditionId} to {member.Email}"));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        Notify(TestSentNotice);
        return Redirect(string.Create(CultureInfo.InvariantCulture, $"/admin/editions/{EditionId}"));
    }

    /// <summary>Starts sending now; the background sender takes it from there.</summary>
    public async Task<IActionResult> OnPostSendAsync(bool confirmOverdue, [FromServices] StartEdition.Handler start, CancellationToken cancellationToken)
    {
        var edition = await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == EditionId, cancellationToken);
        if (edition is null)
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
}
