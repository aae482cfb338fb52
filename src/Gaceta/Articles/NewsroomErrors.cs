namespace Gaceta.Articles;

/// <summary>
/// What the newsroom's use cases say about bad input, in English. The staff area shows each in the staff member's
/// language: the English text is the key of its translation.
/// </summary>
public static class NewsroomErrors
{
    public const string HeadlineRequired = "Write a headline.";
    public const string HeadlineTooLong = "The headline is too long (300 characters at most).";
    public const string StandfirstRequired = "Write a standfirst: one sentence under the headline.";
    public const string StandfirstTooLong = "The standfirst is too long (1,000 characters at most).";
    public const string BodyRequired = "Write the body of the article.";
    public const string SlugInvalid = "Use lower-case letters, digits and hyphens only (80 characters at most).";
    public const string SlugTaken = "Another article in this language already uses this address.";
    public const string SectionRequired = "Choose a section.";
    public const string AuthorUnknown = "Choose authors from the list.";
    public const string WireCreditTooLong = "The wire credit is too long (100 characters at most).";
    public const string ImageUrlInvalid = "Give the image as an address starting with https:// or /.";
    public const string ImageCreditTooLong = "The image credit is too long (200 characters at most).";
    public const string PhotoUnknown = "Choose a photo from the library.";
    public const string BodyPhotoUnknown = "The text places a photo that is not in the library. Copy its marker from the photo's page.";
    public const string BodyPhotoAltMissing = "The text places a photo with no description (alt text) in this language. Add it on the photo's page in the library.";
    public const string ImageAltRequired = "Describe the lead image for readers who cannot see it.";
    public const string ImageAltTooLong = "The image description is too long (500 characters at most).";
    public const string ScheduleInPast = "Choose a publishing time in the future.";
    public const string ScheduleRequired = "Choose when to publish.";
    public const string ScheduleWhilePublished = "This article is already published. Unpublish it first to schedule it again.";
    public const string ImageUrlTooLong = "The image address is too long (2,000 characters at most).";
    public const string CorrectionRequired = "Say what was wrong and what is right.";
    public const string CorrectionTooLong = "The correction is too long (2,000 characters at most).";
    public const string CorrectionNeedsPublished = "Corrections are for published articles.";
}
