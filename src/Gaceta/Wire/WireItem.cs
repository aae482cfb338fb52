namespace Gaceta.Wire;

/// <summary>Which agency item became which story, at which version.</summary>
public sealed class WireItem
{
    public int Id { get; set; }

    /// <summary>The agency's identifier of the item (ninjs <c>uri</c>), unique.</summary>
    public required string Uri { get; set; }

    public required string Version { get; set; }

    public DateTime? VersionCreated { get; set; }

    public int StoryId { get; set; }

    public required string Language { get; set; }

    public DateTime ImportedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
