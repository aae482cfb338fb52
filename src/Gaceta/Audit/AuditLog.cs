using Gaceta.Data;

namespace Gaceta.Audit;

/// <summary>Writes the audit log. Entries go in with the change they describe, in the same save.</summary>
public sealed class AuditLog(GacetaDb db, TimeProvider time)
{
    /// <summary>The name recorded when an operator acts from the command line.</summary>
    public const string CommandLine = "command line";

    /// <summary>The name recorded for work the system does on its own, such as scheduled publishing.</summary>
    public const string System = "system";

    /// <summary>Adds an entry to the pending changes; the caller's save writes it.</summary>
    public void Add(Actor? actor, string action, string subject) => Add(actor?.Id, actor?.Name ?? CommandLine, action, subject);

    /// <summary>Adds an entry for work the system did on its own.</summary>
    public void AddSystem(string action, string subject) => Add(null, System, action, subject);

    private void Add(string? actorId, string actorName, string action, string subject) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorId = actorId,
            ActorName = actorName,
            Action = action,
            Subject = Shorten(subject, 500),
        });

    /// <summary>Cuts <paramref name="text"/> to <paramref name="length"/> characters without splitting a surrogate pair.</summary>
    private static string Shorten(string text, int length) =>
        text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    /// <summary>
    /// Adds an entry and saves it at once, for actions whose only record is the entry (a sign-in, an export). A
    /// change is recorded with <see cref="Add(Actor?, string, string)"/> and saved with the change, in one
    /// transaction (<see cref="Data.Transactions.InTransactionAsync"/> when it takes several saves).
    /// </summary>
    public async Task RecordAsync(Actor? actor, string action, string subject, CancellationToken cancellationToken)
    {
        Add(actor, action, subject);
        await db.SaveChangesAsync(cancellationToken);
    }
}
