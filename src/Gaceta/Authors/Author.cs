namespace Gaceta.Authors;

/// <summary>A journalist credited on stories. The name is the same in every language; the short bio is not.</summary>
public sealed class Author
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public List<AuthorBio> Bios { get; set; } = [];

    public string? BioIn(string language) => Bios.Find(b => b.Language == language)?.Text;
}

/// <summary>How long an author's fields may be.</summary>
public static class AuthorLimits
{
    public const int Name = 200;
    public const int Bio = 2000;
}

/// <summary>An author's short biography in one language.</summary>
public sealed class AuthorBio
{
    public required string Language { get; set; }

    public required string Text { get; set; }
}
