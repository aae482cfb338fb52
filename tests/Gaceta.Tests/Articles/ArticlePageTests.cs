using System.Globalization;
using System.Net;
using Gaceta.Articles;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Articles;

/// <summary>The article page over HTTP, run once per database engine: what it shows in each language, its addresses, and what it refuses.</summary>
public abstract class ArticlePageTests(GacetaApp app)
{
    private readonly HttpClient _reader = app.CreateReader();

    [Fact]
    public async Task ArticlePage_ShowsHeadlineStandfirstBylineDateAndWireCredit_InEnglish()
    {
        var story = await app.Stories.CreateBilingualAsync(wireCredit: "EFE");

        var page = await _reader.GetDocumentAsync(story.PathIn("en"));

        Assert.Equal("Harbour cranes return to work", page.QuerySelector("main h1").Text());
        Assert.Equal("The port reopens after a week of repairs.", page.QuerySelector(".article-header .standfirst").Text());
        Assert.Equal($"By {story.AuthorName}", page.QuerySelector(".byline").Text());
        Assert.Equal($"/en/authors/{story.AuthorSlug}", page.QuerySelector(".byline a")?.GetAttribute("href"));
        Assert.Equal("With reporting from EFE", page.QuerySelector(".wire-credit").Text());
        var time = page.QuerySelector(".dateline time");
        Assert.Equal(story.PublishedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), time?.GetAttribute("datetime"));
        Assert.Equal(LocalDate(story.PublishedAt, "en"), time.Text());
        Assert.Equal("Dock workers returned on Monday.", page.QuerySelector(".article-body p").Text());
        Assert.Equal("Skip to content", page.QuerySelector("a.skip-link").Text());
        Assert.Equal("#main", page.QuerySelector("a.skip-link")?.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("main#main"));
    }

    [Fact]
    public async Task ArticlePage_ShowsHeadlineBylineDateAndWireCredit_InSpanish()
    {
        var story = await app.Stories.CreateBilingualAsync(wireCredit: "EFE");

        var page = await _reader.GetDocumentAsync(story.PathIn("es"));

        Assert.Equal("Las grúas del puerto vuelven al trabajo", page.QuerySelector("main h1").Text());
        Assert.Equal($"Por {story.AuthorName}", page.QuerySelector(".byline").Text());
        Assert.Equal($"/es/autores/{story.AuthorSlug}", page.QuerySelector(".byline a")?.GetAttribute("href"));
        Assert.Equal("Con información de EFE", page.QuerySelector(".wire-credit").Text());
        var date = page.QuerySelector(".dateline time").Text();
        Assert.Equal(LocalDate(story.PublishedAt, "es"), date);
        Assert.Contains(" de noviembre de 2026", date, StringComparison.Ordinal);
        Assert.Equal("Saltar al contenido", page.QuerySelector("a.skip-link").Text());
    }

    [Fact]
    public async Task LanguageSwitch_LinksEnglishToSpanish_AndSpanishToEnglish()
    {
        var story = await app.Stories.CreateBilingualAsync();

        var en = await _reader.GetDocumentAsync(story.PathIn("en"));
        var enSwitch = en.QuerySelector(".translations");
        Assert.StartsWith("Available: Español", enSwitch.Text(), StringComparison.Ordinal);
        var toSpanish = enSwitch?.QuerySelector("a");
        Assert.Equal("Leer en español", toSpanish.Text());
        Assert.Equal(story.PathIn("es"), toSpanish?.GetAttribute("href"));
        Assert.Equal("es", toSpanish?.GetAttribute("hreflang"));
        Assert.Equal("es", toSpanish?.GetAttribute("lang"));

        var es = await _reader.GetDocumentAsync(toSpanish!.GetAttribute("href")!);
        var esSwitch = es.QuerySelector(".translations");
        Assert.StartsWith("Disponible en: English", esSwitch.Text(), StringComparison.Ordinal);
        var toEnglish = esSwitch?.QuerySelector("a");
        Assert.Equal("Read in English", toEnglish.Text());
        Assert.Equal(story.PathIn("en"), toEnglish?.GetAttribute("href"));
    }

    [Fact]
    public async Task UntranslatedStory_HasNoLanguageSwitch_AndOnlyItsOwnHreflang()
    {
        var story = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["es"] = new("Solo en español", "Una historia sin traducir.", "Texto."),
        });

        var page = await _reader.GetDocumentAsync(story.PathIn("es"));

        Assert.Null(page.QuerySelector(".translations"));
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.Text() is "Read in English" or "Leer en español");
        var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang")).ToList();
        Assert.Equal(["es", "x-default"], alternates);
        Assert.Equal(GacetaApp.PublicUrl + story.PathIn("es"), page.QuerySelector("link[hreflang=x-default]")?.GetAttribute("href"));
        // The masthead's language menu falls back to the other language's front page.
        Assert.Equal("/en/", page.QuerySelector("nav.language-menu a[hreflang=en]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task DraftTranslation_IsNeitherLinkedNorReadable()
    {
        var story = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new("Published in English", "Out now.", "Text."),
            ["es"] = new("Borrador en español", "Aún no.", "Texto.") { Status = ArticleStatus.Draft },
        });

        var page = await _reader.GetDocumentAsync(story.PathIn("en"));

        Assert.Null(page.QuerySelector(".translations"));
        var draftSlug = await app.WithDbAsync(db => db.Articles.Where(a => a.StoryId == story.StoryId && a.Language == "es").Select(a => a.Slug).SingleAsync());
        using var draft = await _reader.GetAsync(new Uri($"/es/2026/11/{draftSlug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
    }

    [Fact]
    public async Task ScheduledArticle_IsHiddenUntilItsTime()
    {
        var story = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new("Embargoed until noon", "Not yet.", "Text.") { PublishedIn = TimeSpan.FromHours(2) },
        });

        using var early = await _reader.GetAsync(new Uri(story.PathIn("en"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.PublishDueAsync();
        using var onTime = await _reader.GetAsync(new Uri(story.PathIn("en"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
    }

    [Fact]
    public async Task ArticleHead_HasLangCanonicalHreflangAndDescription()
    {
        var story = await app.Stories.CreateBilingualAsync();

        foreach (var language in new[] { "en", "es" })
        {
            var page = await _reader.GetDocumentAsync(story.PathIn(language));
            Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
            Assert.Equal(GacetaApp.PublicUrl + story.PathIn(language), page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
            Assert.Equal(GacetaApp.PublicUrl + story.PathIn("en"), page.QuerySelector("link[rel=alternate][hreflang=en]")?.GetAttribute("href"));
            Assert.Equal(GacetaApp.PublicUrl + story.PathIn("es"), page.QuerySelector("link[rel=alternate][hreflang=es]")?.GetAttribute("href"));
            Assert.Equal(GacetaApp.PublicUrl + story.PathIn("en"), page.QuerySelector("link[rel=alternate][hreflang=x-default]")?.GetAttribute("href"));
            var standfirst = language == "en" ? "The port reopens after a week of repairs." : "El puerto reabre tras una semana de reparaciones.";
            Assert.Equal(standfirst, page.QuerySelector("meta[name=description]")?.GetAttribute("content"));
        }
    }

    [Theory]
    [InlineData("en", "Page not found")]
    [InlineData("es", "Página no encontrada")]
    public async Task UnknownSlug_IsALocalized404(string language, string heading)
    {
        using var response = await _reader.GetAsync(new Uri($"/{language}/2026/11/no-such-story-{Guid.NewGuid():N}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(heading, page.QuerySelector("main h1").Text());
        Assert.Equal($"/{language}/", page.QuerySelector("main a")?.GetAttribute("href"));
        Assert.Null(page.QuerySelector("link[rel=canonical]"));
        Assert.False(response.Headers.CacheControl?.Public ?? false);
    }

    [Theory]
    [InlineData("/fr/")]
    [InlineData("/en/no-such-section/")]
    [InlineData("/es/no-existe/")]
    public async Task UnknownAddresses_Are404(string path)
    {
        using var response = await _reader.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WrongYearOrMonth_RedirectsPermanentlyToTheArticlesAddress()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var slug = story.PathIn("en").Split('/')[^1];

        using var response = await _reader.GetAsync(new Uri($"/en/2019/01/{slug}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(story.PathIn("en"), response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task MarkupInABody_IsRenderedInert()
    {
        var story = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new(
                "Hostile body",
                "A body that tries everything.",
                "Safe paragraph.\n\n<script>alert('x')</script>\n\n<img src=\"x\" onerror=\"alert('y')\">\n\n" +
                "[click me](javascript:alert('z')) and <a href=\"JaVaScRiPt:alert(1)\" onclick=\"alert(2)\">raw</a>\n\n" +
                "<iframe src=\"https://evil.example\"></iframe><p style=\"background:url(javascript:alert(3))\">styled</p>"),
        });

        using var response = await _reader.GetAsync(new Uri(story.PathIn("en"), UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var body = Html.Parse(html).QuerySelector(".article-body")!;

        Assert.Empty(body.QuerySelectorAll("script, iframe, object, embed, style"));
        Assert.DoesNotContain(body.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style"));
        Assert.DoesNotContain(body.QuerySelectorAll("[href], [src]"), e =>
            (e.GetAttribute("href") ?? e.GetAttribute("src"))!.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("alert(", string.Concat(body.QuerySelectorAll("*").SelectMany(e => e.Attributes).Select(a => a.Value)), StringComparison.Ordinal);
        Assert.Equal("Safe paragraph.", body.QuerySelector("p").Text());
    }

    private static string LocalDate(DateTime utc, string language)
    {
        var madrid = TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid");
        return TimeZoneInfo.ConvertTimeFromUtc(utc, madrid).ToString("D", CultureInfo.GetCultureInfo(language));
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteArticlePageTests(SqliteApp app) : ArticlePageTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresArticlePageTests(PostgresApp app) : ArticlePageTests(app);
