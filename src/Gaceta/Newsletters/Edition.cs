namespace Gaceta.Newsletters;

/// <summary>
/// One sending of a newsletter: chosen stories with an intro per language, rendered per subscriber language.
/// Sending records one <see cref="Delivery"/> per eligible recipient first; the edition is finished when every
/// delivery is sent, failed or excluded.
/// </summary>
public sealed class Edition
{
    public int Id { get; set; }

    public int NewsletterId { get; set; }

    public Newsletter Newsletter { get; set; } = null!;

    public EditionStatus Status { get; set; }

    /// <summary>When a scheduled edition is due (UTC).</summary>
    public DateTime? ScheduledAt { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When its deliveries were recorded and sending began.</summary>
    public DateTime? StartedAt { get; set; }

    /// <summary>When the last delivery reached a final state.</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>Deliveries recorded when sending began: the recipients at that moment.</summary>
    public int Recipients { get; set; }

    /// <summary>The sender process holding the edition, while its lease lasts (one sender per edition on SQLite).</summary>
    public string? SenderId { get; set; }

    public DateTime? SenderLeaseUntil { get; set; }

    /// <summary>Bumped by every save in the staff area; a save from an older version is refused.</summary>
    public int Version { get; set; }

    public List<EditionText> Texts { get; set; } = [];

    public List<EditionStory> Stories { get; set; } = [];

    public EditionText? TextIn(string language) => Texts.Find(t => t.Language == language);
}

public enum EditionStatus
{
    Draft,

    /// <summary>Waiting for <see cref="Edition.ScheduledAt"/>.</summary>
    Scheduled,

    /// <summary>Deliveries recorded; workers are sending.</summary>
    Sending,

    /// <summary>Every delivery is sent, failed or excluded.</summary>
    Sent,

    /// <summary>Found long past its schedule after an outage: not sent automatically; staff decide.</summary>
    Overdue,
}

/// <summary>An edition's subject and intro in one language.</summary>
public sealed class EditionText
{
    public required string Language { get; set; }

    public required string Subject { get; set; }

    /// <summary>A few paragraphs of Markdown above the stories.</summary>
    public required string Intro { get; set; }
}

/// <summary>A story in an edition, in order.</summary>
public sealed class EditionStory
{
    public int EditionId { get; set; }

    public int StoryId { get; set; }

    public int Position { get; set; }
}

/// <summary>
/// One recipient of one edition and where their copy stands. Rows are written before anything is sent, so a stop
/// at any moment leaves a true record: pending, in the hands of a sender until its claim expires, or final.
/// </summary>
public sealed class Delivery
{
    public long Id { get; set; }

    public int EditionId { get; set; }

    public int SubscriptionId { get; set; }

    /// <summary>The address at the time the delivery was recorded.</summary>
    public required string Email { get; set; }

    /// <summary>The subscriber's language: the language of their copy.</summary>
    public required string Language { get; set; }

    public DeliveryState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the delivery may next be tried (UTC); later after a temporary failure.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>The sender that claimed it, until <see cref="ClaimedUntil"/>; an expired claim is free to take.</summary>
    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Why it failed or was excluded, for operators.</summary>
    public string? Note { get; set; }
}

public enum DeliveryState
{
    Pending,

    /// <summary>Claimed by a sender; becomes final or returns to pending.</summary>
    Sending,

    Sent,

    /// <summary>A permanent failure, or too many temporary ones.</summary>
    Failed,

    /// <summary>Not sent on purpose: unsubscribed or suppressed after the delivery was recorded.</summary>
    Excluded,
}

/// <summary>An address Gaceta no longer sends to, because its server refused it permanently. Kept as a keyed hash.</summary>
public sealed class Suppression
{
    public int Id { get; set; }

    public required string EmailHash { get; set; }

    public required string Reason { get; set; }

    public DateTime CreatedAt { get; set; }
}
