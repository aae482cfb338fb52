namespace Gaceta.Mail;

/// <summary>
/// A message waiting to be sent, already rendered. Queuing it commits with the change that caused it, so a
/// crash between the two can neither lose the mail nor send one for a change that did not happen.
/// </summary>
public sealed class OutboundMail
{
    public long Id { get; set; }

    public required string Recipient { get; set; }

    /// <summary>What the mail is for ("confirm-subscription"), for logs and operators.</summary>
    public required string Purpose { get; set; }

    /// <summary>The whole MIME message as it will go on the wire.</summary>
    public required byte[] Message { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>A sender owns the row until then; another may take it over after.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public int Attempts { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Set when the mail will not be tried again.</summary>
    public DateTime? FailedAt { get; set; }

    public string? LastError { get; set; }
}
