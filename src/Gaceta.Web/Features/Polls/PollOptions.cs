using System.ComponentModel.DataAnnotations;

namespace Gaceta.Web.Features.Polls;

/// <summary>Reader polls. Bound from <c>Polls</c>.</summary>
public sealed class PollOptions
{
    public const string SectionName = "Polls";

    /// <summary>Votes one client (IP address) may post per minute before getting 429.</summary>
    [Range(1, 100_000)]
    public int VotesPerClientPerMinute { get; set; } = 10;
}
