namespace Gaceta.Polls;

/// <summary>
/// A question readers answer inside articles, with its texts in every language. Votes are pooled across
/// languages. It may grant complimentary access to a premium newsletter to readers who ask for it.
/// </summary>
public sealed class Poll
{
    public int Id { get; set; }

    /// <summary>The name an editor writes in the embed marker: <c>{{poll:harbour-expansion}}</c>.</summary>
    public required string Key { get; set; }

    /// <summary>Votes are accepted from this time (UTC); always when null.</summary>
    public DateTime? OpensAt { get; set; }

    /// <summary>Votes are refused from this time (UTC); never when null.</summary>
    public DateTime? ClosesAt { get; set; }

    /// <summary>The premium newsletter a reader may ask for when voting, if any.</summary>
    public int? NewsletterId { get; set; }

    public Newsletters.Newsletter? Newsletter { get; set; }

    /// <summary>Submissions that filled the honeypot or came back too fast: counted, never stored.</summary>
    public int SpamCount { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Bumped by every save in the staff area; a save made from an older version is refused.</summary>
    public int Version { get; set; }

    public List<PollQuestion> Questions { get; set; } = [];

    public List<PollOption> Options { get; set; } = [];

    /// <summary>Every version of the consent text ever shown, per language; the newest is current.</summary>
    public List<ConsentText> ConsentTexts { get; set; } = [];

    public PollState StateAt(DateTime utcNow) =>
        OpensAt is { } opens && utcNow < opens ? PollState.NotYetOpen
        : ClosesAt is { } closes && utcNow >= closes ? PollState.Closed
        : PollState.Open;
}

public enum PollState
{
    NotYetOpen,
    Open,
    Closed,
}

/// <summary>The poll's question in one language.</summary>
public sealed class PollQuestion
{
    public required string Language { get; set; }

    public required string Text { get; set; }
}

/// <summary>One answer readers can choose.</summary>
public sealed class PollOption
{
    public int Id { get; set; }

    public int PollId { get; set; }

    public int Position { get; set; }

    /// <summary>
    /// The votes counted for this answer, moved in the transaction that stores them (<see cref="VoteWriter.CountAsync"/>),
    /// so results are read without counting every vote.
    /// </summary>
    public int VoteCount { get; set; }

    public List<PollOptionText> Texts { get; set; } = [];
}

/// <summary>An answer's text in one language.</summary>
public sealed class PollOptionText
{
    public required string Language { get; set; }

    public required string Text { get; set; }
}

/// <summary>
/// The words a reader agrees to when asking for the poll's newsletter, in one language. Texts are never edited:
/// a change is a new version, so every consent record can point at exactly what was shown.
/// </summary>
public sealed class ConsentText
{
    public int Id { get; set; }

    public int PollId { get; set; }

    public required string Language { get; set; }

    public int Version { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>One counted answer. The email, when given, is kept only as a keyed hash, to allow one vote per address.</summary>
public sealed class Vote
{
    public long Id { get; set; }

    public int PollId { get; set; }

    public int OptionId { get; set; }

    /// <summary>The language of the page the vote came from.</summary>
    public required string Language { get; set; }

    /// <summary>Keyed hash of the normalized email; unique per poll. Null for anonymous votes.</summary>
    public string? EmailHash { get; set; }

    public DateTime CastAt { get; set; }
}
