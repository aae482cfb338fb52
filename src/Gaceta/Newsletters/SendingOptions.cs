using System.ComponentModel.DataAnnotations;

namespace Gaceta.Newsletters;

/// <summary>How editions are sent. Bound from <c>Sending</c>.</summary>
public sealed class SendingOptions
{
    public const string SectionName = "Sending";

    /// <summary>
    /// Whether the web host sends editions in the background. Turn it off on nodes that should only serve pages,
    /// and send from a dedicated node or with <c>gaceta editions send</c>.
    /// </summary>
    public bool InWebHost { get; set; } = true;

    /// <summary>SMTP connections used at once, each kept open and reused for many messages.</summary>
    [Range(1, 64)]
    public int Connections { get; set; } = 4;

    /// <summary>Deliveries claimed at a time by one sender.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Upper limit on messages per second for one sender; 0 for none (let the relay set the pace).</summary>
    [Range(0, 100_000)]
    public int MessagesPerSecond { get; set; }

    /// <summary>
    /// How long a claim lasts, in seconds: a sender that dies leaves its claimed deliveries to others after this.
    /// Keep it well above the time one batch takes to send.
    /// </summary>
    [Range(5, 7200)]
    public int ClaimSeconds { get; set; } = 300;

    /// <summary>Temporary failures tolerated before a delivery counts as failed.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>
    /// A scheduled edition found more than this many hours late (after an outage) is not sent automatically:
    /// it is marked overdue for staff to decide.
    /// </summary>
    [Range(1, 24 * 30)]
    public int OverdueAfterHours { get; set; } = 12;
}
