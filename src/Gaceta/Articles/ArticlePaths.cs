namespace Gaceta.Articles;

/// <summary>
/// Reader URLs, relative to the site root. The year and month in an article's address come from its
/// publish time in UTC, so changing the newsroom's time zone never moves a published URL.
/// </summary>
public static class ArticlePaths
{
    public static string Home(string language) => $"/{language}/";

    public static string Article(string language, DateTime publishedAtUtc, string slug) =>
        $"/{language}/{publishedAtUtc.Year:0000}/{publishedAtUtc.Month:00}/{slug}";

    public static string Section(string language, string sectionSlug) => $"/{language}/{sectionSlug}/";
}
