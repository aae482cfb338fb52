using Gaceta.Authors;
using Gaceta.Sections;

namespace Gaceta.Articles;

/// <summary>
/// One piece of journalism, independent of language: its section, authors, wire credit and lead image.
/// Each language version is an <see cref="Article"/>; a story has at most one article per language.
/// </summary>
public sealed class Story
{
    public int Id { get; set; }

    public int SectionId { get; set; }

    public Section Section { get; set; } = null!;

    /// <summary>Agency the story came from or quotes, such as "EFE"; shown as a credit on every version.</summary>
    public string? WireCredit { get; set; }

    /// <summary>Optional lead image. Its alternative text is per language, on each <see cref="Article"/>.</summary>
    public LeadImage? LeadImage { get; set; }

    /// <summary>
    /// The lead photo from the library, served in several sizes and formats; when set, readers see it instead of
    /// <see cref="LeadImage"/>. Its alternative text is the article's, or else the library's in that language.
    /// </summary>
    public int? LeadMediaId { get; set; }

    public Media.MediaItem? LeadMedia { get; set; }

    public List<StoryAuthor> Authors { get; set; } = [];

    public List<Article> Articles { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    /// <summary>The staff member who created the story; a reporter may edit only their own drafts.</summary>
    public string? OwnerId { get; set; }

    /// <summary>Bumped by every save of the story's own fields, to refuse a save made from an older version.</summary>
    public int Version { get; set; }

    public Article? ArticleIn(string language) => Articles.Find(a => a.Language == language);
}

/// <summary>The picture at the top of a story.</summary>
public sealed class LeadImage
{
    public required string Url { get; set; }

    /// <summary>Who made or supplied the picture.</summary>
    public string? Credit { get; set; }
}

/// <summary>An author's byline on a story, in byline order.</summary>
public sealed class StoryAuthor
{
    public int StoryId { get; set; }

    public int AuthorId { get; set; }

    public Author Author { get; set; } = null!;

    public int Position { get; set; }
}
