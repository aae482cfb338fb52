using Gaceta.Newsletters;

namespace Gaceta.Subscribers;

/// <summary>An email address with a language. Signs in by emailed link; never has a password.</summary>
public sealed class Subscriber
{
    public int Id { get; set; }

    /// <summary>The address in its canonical form (<see cref="Mail.EmailAddress"/>); unique.</summary>
    public required string Email { get; set; }

    /// <summary>The language mails are written in: the page's language when the subscriber was created.</summary>
    public required string Language { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Names the subscriber's current sessions: every sign-in cookie carries it, and a new one (signing out) ends
    /// every session on every browser at once. Null until the first sign-in.
    /// </summary>
    public string? SessionStamp { get; set; }

    /// <summary>When the last confirmation mail was queued, to limit how often an address is asked.</summary>
    public DateTime? LastConfirmationMailAt { get; set; }

    public List<Subscription> Subscriptions { get; set; } = [];

}

/// <summary>A subscriber's place on one newsletter.</summary>
public sealed class Subscription
{
    public int Id { get; set; }

    public int SubscriberId { get; set; }

    public Subscriber Subscriber { get; set; } = null!;

    public int NewsletterId { get; set; }

    public Newsletter Newsletter { get; set; } = null!;

    public SubscriptionStatus Status { get; set; }

    public AccessGrant Grant { get; set; }

    public SubscriptionSource Source { get; set; }

    /// <summary>The poll the subscription came from, when <see cref="Source"/> is a poll.</summary>
    public int? SourcePollId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public DateTime? UnsubscribedAt { get; set; }

    /// <summary>
    /// When an import asked for this pending subscription's confirmation mail. The site writes it, in the
    /// subscriber's language, queues it and clears this (<see cref="SendRequestedConfirmations"/>).
    /// </summary>
    public DateTime? ConfirmationRequestedAt { get; set; }

    public List<ConsentRecord> ConsentRecords { get; set; } = [];

    /// <summary>Whether this subscription opens a premium newsletter: confirmed, still active, and paid or given.</summary>
    public bool GivesPremiumAccess => Status == SubscriptionStatus.Active && Grant is AccessGrant.Paid or AccessGrant.Complimentary;

    /// <summary>
    /// Activates a pending subscription and dates its open consent records' confirmation. Anything else is left
    /// as it is (a subscription left since the mail was sent stays left). Needs <see cref="ConsentRecords"/> loaded.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool Confirm(DateTime now)
    {
        if (Status != SubscriptionStatus.Pending)
        {
            return false;
        }

        Status = SubscriptionStatus.Active;
        ConfirmedAt = now;
        foreach (var record in ConsentRecords.Where(r => r.ConfirmedAt is null && r.WithdrawnAt is null))
        {
            record.ConfirmedAt = now;
        }

        return true;
    }

    /// <summary>Ends the subscription and writes the withdrawal into its consent records. Needs <see cref="ConsentRecords"/> loaded.</summary>
    /// <returns>Whether anything changed.</returns>
    public bool Unsubscribe(DateTime now)
    {
        if (Status == SubscriptionStatus.Unsubscribed)
        {
            return false;
        }

        Status = SubscriptionStatus.Unsubscribed;
        UnsubscribedAt = now;
        foreach (var record in ConsentRecords.Where(r => r.WithdrawnAt is null))
        {
            record.WithdrawnAt = now;
        }

        return true;
    }
}

public enum SubscriptionStatus
{
    /// <summary>Asked for, not yet confirmed: nothing but the confirmation mail may be sent.</summary>
    Pending,
    Active,
    Unsubscribed,
}

public enum AccessGrant
{
    Free,
    Paid,
    Complimentary,
}

public enum SubscriptionSource
{
    Poll,
    Form,
    Import,
    Staff,
}

/// <summary>
/// Append-only proof of what a subscriber agreed to: when, the exact text and its version, in which language,
/// on which page, from which (hashed) address. Confirmation and withdrawal times are each written once.
/// </summary>
public sealed class ConsentRecord
{
    public long Id { get; set; }

    public int SubscriptionId { get; set; }

    public DateTime GivenAt { get; set; }

    public required string Text { get; set; }

    public int TextVersion { get; set; }

    public required string Language { get; set; }

    public required string PageUrl { get; set; }

    /// <summary>Keyed hash of the client's IP address; the address itself is not kept.</summary>
    public required string IpHash { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public DateTime? WithdrawnAt { get; set; }
}

/// <summary>
/// What is kept of a subscription after its subscriber was erased: that consent was given and withdrawn, and
/// when, with nothing that identifies the person. It answers "did we have consent for this mail?" without the
/// address.
/// </summary>
public sealed class ErasedSubscription
{
    public long Id { get; set; }

    public int NewsletterId { get; set; }

    public DateTime SubscribedAt { get; set; }

    /// <summary>When consent was withdrawn: at unsubscribing, or at erasure when still subscribed.</summary>
    public DateTime WithdrawnAt { get; set; }

    public DateTime ErasedAt { get; set; }
}
