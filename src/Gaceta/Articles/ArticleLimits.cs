namespace Gaceta.Articles;

/// <summary>
/// How long a story's and an article's fields may be: one set of numbers for the database model, the editor's
/// validation, wire import and the API. The messages in <see cref="NewsroomErrors"/> state the same numbers.
/// </summary>
public static class ArticleLimits
{
    public const int Headline = 300;
    public const int Standfirst = 1000;

    /// <summary>A slug readers see in the address; the column allows more for slugs of other kinds.</summary>
    public const int Slug = Slugs.MaximumLength;
    public const int ImageAlt = 500;
    public const int ImageUrl = 2000;
    public const int ImageCredit = 200;
    public const int WireCredit = 100;
    public const int Correction = 2000;
}
