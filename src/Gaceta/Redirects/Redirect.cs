namespace Gaceta.Redirects;

/// <summary>
/// An old address that answers 301: an imported post's permalink, an article's address before its slug changed,
/// or one an editor added. It points at an article (so it follows later slug changes) or at a path.
/// </summary>
public sealed class Redirect
{
    public int Id { get; set; }

    /// <summary>The old address as <see cref="RedirectPaths.Key"/> writes it: a path, and <c>?p=</c> where WordPress used one.</summary>
    public required string Path { get; set; }

    public int? StoryId { get; set; }

    public string? Language { get; set; }

    /// <summary>Where an editor sent it, when it is not an article.</summary>
    public string? TargetPath { get; set; }

    /// <summary>Who made it: <c>import</c>, <c>slug</c> or <c>staff</c>.</summary>
    public required string Origin { get; set; }

    public DateTime CreatedAt { get; set; }
}
