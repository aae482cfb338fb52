using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Site;

namespace Gaceta.Newsletters;

/// <summary>A staff member sends themselves a test copy of an edition, marked as a test, through the outbox.</summary>
public static class SendEditionTest
{
    public sealed record Command(int EditionId, string Email, string Language, Actor Actor);

    public sealed class Handler(GacetaDb db, SiteClock clock, EditionMail mail, MailOutbox outbox, AuditLog audit)
    {
        /// <returns>Whether the edition exists (and so the copy was queued).</returns>
        public async Task<bool> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var content = await EditionContent.LoadAsync(db, command.EditionId, clock.UtcNow, cancellationToken);
            if (content is null)
            {
                return false;
            }

            var message = mail.Compose(mail.Render(content, command.Language), 0, 0, command.Email);
            message.Subject = "[TEST] " + message.Subject;
            outbox.Enqueue(message, "edition-test");
            // The audit entry is saved with the queued message, in one unit of work.
            audit.Add(command.Actor, AuditActions.EditionTestSent, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"edition {command.EditionId} to {command.Email}"));
            await db.SaveChangesAsync(cancellationToken);
            outbox.Notify();
            return true;
        }
    }
}
