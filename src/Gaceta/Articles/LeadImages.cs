namespace Gaceta.Articles;

/// <summary>Which lead image readers of one language see, wherever a story is shown.</summary>
public static class LeadImages
{
    /// <summary>
    /// A library photo comes first, described by the article's own alternative text or else the photo's in that
    /// language; then an image given by address, with the article's text. A picture nobody has described in this
    /// language is left out rather than shown without alternative text.
    /// </summary>
    /// <param name="photo">The story's library photo, if it has one.</param>
    /// <param name="photoAlt">The photo's alternative text in the article's language.</param>
    public static ArticleImage? Choose(LibraryPhoto? photo, string? photoAlt, string? photoCredit, string? articleAlt, string? url, string? urlCredit)
    {
        if (photo is not null)
        {
            return (string.IsNullOrWhiteSpace(articleAlt) ? photoAlt : articleAlt) is { Length: > 0 } alt
                ? new ArticleImage(Media.MediaVariants.Path(photo.Hash, Media.MediaVariants.Widths[3], Media.VariantFormat.Jpeg), alt, photoCredit, photo)
                : null;
        }

        return url is null || string.IsNullOrWhiteSpace(articleAlt) ? null : new ArticleImage(url, articleAlt, urlCredit);
    }
}
