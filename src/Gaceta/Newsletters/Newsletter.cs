namespace Gaceta.Newsletters;

/// <summary>A list readers subscribe to, such as "Politics — premium". Free, or premium (reached by a grant).</summary>
public sealed class Newsletter
{
    public int Id { get; set; }

    public required string Key { get; set; }

    public bool IsPremium { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<NewsletterName> Names { get; set; } = [];

    public NewsletterName? NameIn(string language) => Names.Find(n => n.Language == language);
}

/// <summary>A newsletter's name and description in one language.</summary>
public sealed class NewsletterName
{
    public required string Language { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }
}
