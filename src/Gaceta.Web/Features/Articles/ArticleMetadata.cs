using System.Text.Json;
using System.Text.Json.Nodes;
using Gaceta.Articles;
using Gaceta.Site;
using Gaceta.Web.Features.Authors;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Localization;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Articles;

/// <summary>
/// What an article tells search engines and social sites about itself: schema.org <c>NewsArticle</c> as JSON-LD
/// (with its translations and corrections) and Open Graph and Twitter card tags, all from the same data as the
/// page, with absolute addresses.
/// </summary>
public sealed class ArticleMetadata(SiteUrls urls, SiteLanguages languages, InterfaceText text, IOptions<SiteOptions> site)
{
    private string SiteName => site.Value.Name;

    /// <summary>The JSON-LD document. The serializer escapes <c>&lt;</c>, so it cannot close its script element.</summary>
    public string JsonLd(ReadArticle.Model article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var url = urls.Absolute(article.Path);
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["@id"] = url,
            ["mainEntityOfPage"] = url,
            ["url"] = url,
            ["headline"] = article.Headline,
            ["description"] = article.Standfirst,
            ["inLanguage"] = article.Language,
            ["datePublished"] = IsoDates.Of(article.PublishedAt),
            ["dateModified"] = IsoDates.Of(Modified(article)),
            ["isAccessibleForFree"] = true,
            ["author"] = new JsonArray(article.Authors.Select(a => (JsonNode)new JsonObject
            {
                ["@type"] = "Person",
                ["name"] = a.Name,
                ["url"] = urls.Absolute(AuthorPaths.For(text, languages.Get(article.Language), a.Slug)),
            }).ToArray()),
            ["publisher"] = new JsonObject
            {
                ["@type"] = "NewsMediaOrganization",
                ["name"] = SiteName,
                ["url"] = urls.Absolute(ArticlePaths.Home(article.Language)),
            },
        };
        if (article.Section.Name.Length > 0)
        {
            json["articleSection"] = article.Section.Name;
        }

        if (article.Image is { } image)
        {
            json["image"] = image.Photo is { } photo
                ? new JsonArray(
                    new JsonObject
                    {
                        ["@type"] = "ImageObject",
                        ["url"] = urls.Absolute(Gaceta.Media.MediaVariants.SocialPath(photo.Hash)),
                        ["width"] = Gaceta.Media.MediaVariants.SocialWidth,
                        ["height"] = Gaceta.Media.MediaVariants.SocialHeight,
                    },
                    new JsonObject
                    {
                        ["@type"] = "ImageObject",
                        ["url"] = urls.Absolute(image.Url),
                        ["width"] = Math.Min(photo.Width, Gaceta.Media.MediaVariants.Widths[3]),
                        ["height"] = (int)Math.Round((double)photo.Height * Math.Min(photo.Width, Gaceta.Media.MediaVariants.Widths[3]) / photo.Width),
                    })
                : new JsonArray(urls.Absolute(image.Url));
        }

        // A translation points to its original; an original lists the versions translated from it.
        if (article.SourceLanguage is { } source && article.Translations.FirstOrDefault(t => t.Language == source) is { } original)
        {
            json["translationOfWork"] = Work(original);
        }

        var translations = article.Translations.Where(t => t.SourceLanguage == article.Language).Select(t => (JsonNode)Work(t)).ToArray();
        if (article.SourceLanguage is null && translations.Length > 0)
        {
            json["workTranslation"] = new JsonArray(translations);
        }

        if (article.Corrections.Count > 0)
        {
            json["correction"] = new JsonArray(article.Corrections.Select(c => (JsonNode)new JsonObject
            {
                ["@type"] = "CorrectionComment",
                ["text"] = c.Text,
                ["datePublished"] = IsoDates.Of(c.At),
            }).ToArray());
        }

        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>Open Graph (<c>property</c>) and Twitter card (<c>name</c>) tags, in order.</summary>
    public IReadOnlyList<(string Attribute, string Key, string Content)> SocialTags(ReadArticle.Model article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var tags = new List<(string, string, string)>
        {
            ("property", "og:type", "article"),
            ("property", "og:site_name", SiteName),
            ("property", "og:title", article.Headline),
            ("property", "og:description", article.Standfirst),
            ("property", "og:url", urls.Absolute(article.Path)),
            ("property", "og:locale", Locale(article.Language)),
        };
        tags.AddRange(article.Translations.Select(t => ("property", "og:locale:alternate", Locale(t.Language))));
        if (article.Image is { } image)
        {
            if (image.Photo is { } photo)
            {
                var card = urls.Absolute(Gaceta.Media.MediaVariants.SocialPath(photo.Hash));
                tags.Add(("property", "og:image", card));
                tags.Add(("property", "og:image:type", "image/jpeg"));
                tags.Add(("property", "og:image:width", Gaceta.Media.MediaVariants.SocialWidth.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                tags.Add(("property", "og:image:height", Gaceta.Media.MediaVariants.SocialHeight.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            else
            {
                tags.Add(("property", "og:image", urls.Absolute(image.Url)));
            }

            tags.Add(("property", "og:image:alt", image.Alt));
        }

        tags.Add(("property", "article:published_time", IsoDates.Of(article.PublishedAt)));
        tags.Add(("property", "article:modified_time", IsoDates.Of(Modified(article))));
        if (article.Section.Name.Length > 0)
        {
            tags.Add(("property", "article:section", article.Section.Name));
        }

        tags.Add(("name", "twitter:card", article.Image is null ? "summary" : "summary_large_image"));
        tags.Add(("name", "twitter:title", article.Headline));
        tags.Add(("name", "twitter:description", article.Standfirst));
        if (article.Image is { } picture)
        {
            tags.Add(("name", "twitter:image", urls.Absolute(picture.Photo is { } photo ? Gaceta.Media.MediaVariants.SocialPath(photo.Hash) : picture.Url)));
            tags.Add(("name", "twitter:image:alt", picture.Alt));
        }

        return tags;
    }

    private JsonObject Work(ReadArticle.Translation translation) => new()
    {
        ["@type"] = "NewsArticle",
        ["@id"] = urls.Absolute(translation.Path),
        ["url"] = urls.Absolute(translation.Path),
        ["headline"] = translation.Headline,
        ["inLanguage"] = translation.Language,
    };

    private static DateTime Modified(ReadArticle.Model article) =>
        new[] { article.PublishedAt, article.RevisedAt ?? article.PublishedAt }
            .Concat(article.Corrections.Select(c => c.At))
            .Max();

    /// <summary>Open Graph locales are language_TERRITORY; a neutral culture gives the language alone.</summary>
    private string Locale(string language) => languages.Get(language).Culture.Name.Replace('-', '_');
}
