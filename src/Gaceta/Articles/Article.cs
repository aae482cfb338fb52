namespace Gaceta.Articles;

/// <summary>One language version of a <see cref="Story"/>.</summary>
public sealed class Article
{
    public int Id { get; set; }

    public int StoryId { get; set; }

    public Story Story { get; set; } = null!;

    /// <summary>A configured language code, such as <c>en</c>.</summary>
    public required string Language { get; set; }

    public required string Headline { get; set; }

    /// <summary>The one-sentence summary under the headline; also the page's meta description.</summary>
    public required string Standfirst { get; set; }

    /// <summary>URL slug, unique among the articles of one language.</summary>
    public required string Slug { get; set; }

    /// <summary>The body in Markdown. Rendered to sanitized HTML for readers.</summary>
    public required string Body { get; set; }

    /// <summary>Alternative text of the story's lead image in this language; required when the story has one.</summary>
    public string? LeadImageAlt { get; set; }

    public ArticleStatus Status { get; set; }

    /// <summary>When the article is (or was) first shown to readers, UTC. Decides its URL's year and month.</summary>
    public DateTime? PublishedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Whether readers can see the article at <paramref name="utcNow"/>.</summary>
    public bool IsVisibleAt(DateTime utcNow) =>
        Status == ArticleStatus.Published && PublishedAt is { } published && published <= utcNow;
}

public enum ArticleStatus
{
    Draft = 0,
    Published = 1,
}
