namespace Gaceta.Sections;

/// <summary>A part of the publication ("World", "Politics") with a name and URL slug in every language.</summary>
public sealed class Section
{
    public int Id { get; set; }

    /// <summary>Position in the navigation, lowest first.</summary>
    public int Position { get; set; }

    public List<SectionName> Names { get; set; } = [];

    public SectionName? NameIn(string language) => Names.Find(n => n.Language == language);
}

/// <summary>A section's name and slug in one language.</summary>
public sealed class SectionName
{
    public required string Language { get; set; }

    public required string Name { get; set; }

    public required string Slug { get; set; }
}
