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

    /// <summary>
    /// When the article is (or was) first shown to readers, UTC; for a scheduled article, when it will be.
    /// Decides its URL's year and month, and stays when the article is unpublished so its address does too.
    /// </summary>
    public DateTime? PublishedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When anything about the article was last saved, drafts included.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>When readers were last shown a changed version of the published article; null while unchanged.</summary>
    public DateTime? RevisedAt { get; set; }

    /// <summary>Bumped by every save; a save made from an older version is refused instead of overwriting.</summary>
    public int Version { get; set; }

    /// <summary>The number of the newest <see cref="ArticleRevision"/>; zero before the first save.</summary>
    public int Revision { get; set; }

    /// <summary>For a translation, the language of the article it was translated from.</summary>
    public string? SourceLanguage { get; set; }

    /// <summary>For a translation, the source's revision it matches; the source moving past it makes it outdated.</summary>
    public int? SourceRevision { get; set; }

    public List<ArticleRevision> Revisions { get; set; } = [];

    public List<Correction> Corrections { get; set; } = [];

    /// <summary>Whether readers can see the article at <paramref name="utcNow"/>.</summary>
    public bool IsVisibleAt(DateTime utcNow) => IsVisible(Status, PublishedAt, utcNow);

    /// <summary>The same rule for an article read as its fields.</summary>
    public static bool IsVisible(ArticleStatus status, DateTime? publishedAt, DateTime utcNow) =>
        status == ArticleStatus.Published && publishedAt is { } published && published <= utcNow;
}

public enum ArticleStatus
{
    /// <summary>Not shown to readers: never published, or unpublished.</summary>
    Draft = 0,

    /// <summary>Shown to readers from <see cref="Article.PublishedAt"/>.</summary>
    Published = 1,

    /// <summary>Waiting for <see cref="Article.PublishedAt"/>, when the scheduler publishes it.</summary>
    Scheduled = 2,
}

/// <summary>One saved state of an article. Every save adds one; they are never changed.</summary>
public sealed class ArticleRevision
{
    /// <summary>The article's text as it stands now, as revision <see cref="Article.Revision"/>, saved by <paramref name="actor"/>.</summary>
    public static ArticleRevision Of(Article article, DateTime savedAt, Audit.Actor actor)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(actor);
        return new ArticleRevision
        {
            Number = article.Revision,
            Headline = article.Headline,
            Standfirst = article.Standfirst,
            Slug = article.Slug,
            Body = article.Body,
            LeadImageAlt = article.LeadImageAlt,
            SavedAt = savedAt,
            SavedById = actor.Id,
            SavedByName = actor.Name,
        };
    }

    public long Id { get; set; }

    public int ArticleId { get; set; }

    /// <summary>1 for the first save of the article, then counting up.</summary>
    public int Number { get; set; }

    public required string Headline { get; set; }

    public required string Standfirst { get; set; }

    public required string Slug { get; set; }

    public required string Body { get; set; }

    public string? LeadImageAlt { get; set; }

    public DateTime SavedAt { get; set; }

    public string? SavedById { get; set; }

    public required string SavedByName { get; set; }
}

/// <summary>A public note on a published article saying what was wrong and what is right. Kept forever.</summary>
public sealed class Correction
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedById { get; set; }

    public required string CreatedByName { get; set; }
}
