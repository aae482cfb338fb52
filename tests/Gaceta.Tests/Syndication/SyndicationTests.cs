using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Gaceta.Articles;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Syndication;

/// <summary>
/// Feeds read by a real feed parser, sitemaps checked by xmllint with symmetric hreflang sets, and the article
/// pages' JSON-LD and social tags against the page itself.
/// </summary>
public abstract class SyndicationTests(GacetaApp app)
{
    private const string FeedParser = """
        import sys, json, feedparser
        d = feedparser.parse(sys.stdin.buffer.read())
        print(json.dumps({
            "bozo": int(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version,
            "language": d.feed.get("language"), "title": d.feed.get("title"), "link": d.feed.get("link"),
            "entries": [{"title": e.get("title"), "link": e.get("link"), "summary": e.get("summary"),
                         "authors": [a.get("name") for a in e.get("authors", [])],
                         "tags": [t.get("term") for t in e.get("tags", [])],
                         "published": bool(e.get("published_parsed"))} for e in d.entries]}))
        """;

    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    [Theory]
    [InlineData("en", "feed.xml", "rss20", "Night ferries proposed", "Should the ferry run at night?")]
    [InlineData("en", "atom.xml", "atom10", "Night ferries proposed", "Should the ferry run at night?")]
    [InlineData("es", "feed.xml", "rss20", "Proponen ferris nocturnos", "¿Debe el ferri navegar de noche?")]
    [InlineData("es", "atom.xml", "atom10", "Proponen ferris nocturnos", "¿Debe el ferri navegar de noche?")]
    public async Task EachLanguagesFeed_ParsesCleanly_InItsLanguage_WithoutPollText(string language, string file, string version, string headline, string question)
    {
        var poll = await app.Polls.CreateAsync();
        var (bytes, response) = await GetAsync($"/{language}/{file}");
        Assert.Equal(file == "feed.xml" ? "application/rss+xml" : "application/atom+xml", response.Content.Headers.ContentType?.MediaType);

        var feed = await ParseAsync(bytes);
        Assert.Equal(0, feed.GetProperty("bozo").GetInt32());
        Assert.Equal(version, feed.GetProperty("version").GetString());
        Assert.Equal(language, feed.GetProperty("language").GetString());
        var entry = feed.GetProperty("entries").EnumerateArray().First(e => e.GetProperty("title").GetString() == headline);
        Assert.Equal($"{GacetaApp.PublicUrl}{poll.Story.PathIn(language)}", entry.GetProperty("link").GetString());
        Assert.Equal(poll.Story.AuthorName, Assert.Single(entry.GetProperty("authors").EnumerateArray()).GetString());
        Assert.Equal(poll.Story.SectionNames[language], Assert.Single(entry.GetProperty("tags").EnumerateArray()).GetString());
        Assert.True(entry.GetProperty("published").GetBoolean());
        Assert.False(string.IsNullOrEmpty(entry.GetProperty("summary").GetString()));

        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain(question, text, StringComparison.Ordinal);
        Assert.DoesNotContain("poll:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("feed.xml")]
    [InlineData("atom.xml")]
    public async Task ASectionsFeed_HoldsOnlyThatSection_AndAnUnknownSectionIsNotFound(string file)
    {
        var mine = await app.Stories.CreateBilingualAsync();
        var other = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec> { ["es"] = new("Otra sección, otra historia", "Nada que ver.", "Cuerpo.") });

        var (bytes, _) = await GetAsync($"/es/{mine.SectionSlugs["es"]}/{file}");
        var feed = await ParseAsync(bytes);

        Assert.Equal(0, feed.GetProperty("bozo").GetInt32());
        Assert.Contains($"{mine.SectionNames["es"]}", feed.GetProperty("title").GetString(), StringComparison.Ordinal);
        var titles = feed.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Las grúas del puerto vuelven al trabajo"], titles);
        Assert.DoesNotContain("Otra sección, otra historia", titles);
        Assert.NotNull(other);
        using var missing = await app.CreateReader().GetAsync($"/es/no-such-section-{Guid.NewGuid():N}/{file}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Feeds_AnswerConditionalRequests_AndChangeWhenAStoryIsPublished()
    {
        await app.Stories.CreateBilingualAsync();
        using var reader = app.CreateReader();
        using var first = await reader.GetAsync("/en/feed.xml");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.NotNull(first.Content.Headers.LastModified);

        using (var again = new HttpRequestMessage(HttpMethod.Get, "/en/feed.xml"))
        {
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await reader.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        using (var since = new HttpRequestMessage(HttpMethod.Get, "/en/atom.xml"))
        {
            since.Headers.IfModifiedSince = DateTimeOffset.UtcNow.AddYears(1);
            using var notModified = await reader.SendAsync(since);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        var published = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec> { ["en"] = new($"Tide tables reprinted {Guid.NewGuid():N}"[..30], "New tables.", "Body.") });
        using var changed = new HttpRequestMessage(HttpMethod.Get, "/en/feed.xml");
        changed.Headers.IfNoneMatch.Add(etag);
        using var fresh = await reader.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
        Assert.Contains(published.PathIn("en"), await fresh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sitemaps_AreWellFormed_ListEveryLanguage_AndTheirHreflangSetsAgree()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var english = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec> { ["en"] = new("Only in English", "One language.", "Body.") });

        var (indexBytes, _) = await GetAsync("/sitemap.xml");
        await AssertWellFormedAsync(indexBytes);
        var sitemaps = XDocument.Parse(Encoding.UTF8.GetString(indexBytes)).Descendants(Sitemap + "loc").Select(l => l.Value).ToList();
        Assert.Contains($"{GacetaApp.PublicUrl}/sitemaps/en/1.xml", sitemaps);
        Assert.Contains($"{GacetaApp.PublicUrl}/sitemaps/es/1.xml", sitemaps);
        Assert.Contains($"{GacetaApp.PublicUrl}/sitemaps/news.xml", sitemaps);

        var alternates = new Dictionary<string, Dictionary<string, string>>();
        foreach (var sitemap in sitemaps.Where(s => !s.EndsWith("news.xml", StringComparison.Ordinal)))
        {
            var (bytes, _) = await GetAsync(new Uri(sitemap).AbsolutePath);
            await AssertWellFormedAsync(bytes);
            foreach (var url in XDocument.Parse(Encoding.UTF8.GetString(bytes)).Descendants(Sitemap + "url"))
            {
                alternates[url.Element(Sitemap + "loc")!.Value] = url.Elements(Xhtml + "link")
                    .ToDictionary(l => l.Attribute("hreflang")!.Value, l => l.Attribute("href")!.Value);
            }
        }

        var en = $"{GacetaApp.PublicUrl}{story.PathIn("en")}";
        var es = $"{GacetaApp.PublicUrl}{story.PathIn("es")}";
        Assert.Equal(new Dictionary<string, string> { ["en"] = en, ["es"] = es, ["x-default"] = en }, alternates[en]);
        Assert.Equal(alternates[en], alternates[es]);
        Assert.Empty(alternates[$"{GacetaApp.PublicUrl}{english.PathIn("en")}"]);

        // Symmetry everywhere: whatever an entry names as its other language names it back, with the same set.
        foreach (var (loc, set) in alternates.Where(a => a.Value.Count > 0))
        {
            Assert.Contains(loc, set.Values);
            foreach (var (language, href) in set.Where(s => s.Key != "x-default"))
            {
                Assert.True(alternates.TryGetValue(href, out var back), $"{href} ({language}) is not in any sitemap");
                Assert.Equal(set, back);
            }
        }

        Assert.DoesNotContain(alternates.Keys, k => k.Contains("/admin", StringComparison.Ordinal) || k.Contains("/newsletters/", StringComparison.Ordinal));
        using var beyond = await app.CreateReader().GetAsync("/sitemaps/en/999.xml");
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Fact]
    public async Task TheNewsSitemap_HoldsTheLastTwoDays_AndRobotsPointsToTheIndex()
    {
        var old = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec> { ["es"] = new($"Crónica antigua {Guid.NewGuid():N}"[..24], "Ya pasó.", "Cuerpo.") });
        app.Clock.Advance(TimeSpan.FromDays(3));
        var recent = await app.Stories.CreateBilingualAsync();

        var (bytes, _) = await GetAsync("/sitemaps/news.xml");
        await AssertWellFormedAsync(bytes);
        XNamespace news = "http://www.google.com/schemas/sitemap-news/0.9";
        var entries = XDocument.Parse(Encoding.UTF8.GetString(bytes)).Descendants(Sitemap + "url")
            .ToDictionary(u => u.Element(Sitemap + "loc")!.Value, u => u.Descendants(news + "language").Single().Value);
        Assert.Equal("es", entries[$"{GacetaApp.PublicUrl}{recent.PathIn("es")}"]);
        Assert.Equal("en", entries[$"{GacetaApp.PublicUrl}{recent.PathIn("en")}"]);
        Assert.DoesNotContain($"{GacetaApp.PublicUrl}{old.PathIn("es")}", entries.Keys);

        using var robots = await app.CreateReader().GetAsync("/robots.txt");
        var text = await robots.Content.ReadAsStringAsync();
        Assert.Contains($"Sitemap: {GacetaApp.PublicUrl}/sitemap.xml", text, StringComparison.Ordinal);
        Assert.Contains("Disallow: /admin/", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public async Task AnArticlesJsonLd_ParsesAndMatchesThePage(string language)
    {
        var story = await app.Stories.CreateBilingualAsync();
        // The Spanish version is a translation of the English one.
        await app.WithDbAsync(db => db.Articles.Where(a => a.StoryId == story.StoryId && a.Language == "es")
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.SourceLanguage, "en")));
        await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.StoryId == story.StoryId && a.Language == language);
            db.Corrections.Add(new Correction { ArticleId = article.Id, CreatedByName = "Desk", Text = language == "en" ? "An earlier version misnamed the quay." : "Una versión anterior confundió el muelle.", CreatedAt = app.Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });
        await app.EvictStoryAsync(story);

        var page = await app.CreateReader().GetDocumentAsync(story.PathIn(language));
        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        using var json = JsonDocument.Parse(script.TextContent);
        var ld = json.RootElement;

        Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
        Assert.Equal("NewsArticle", ld.GetProperty("@type").GetString());
        Assert.Equal(page.QuerySelector("h1").Text(), ld.GetProperty("headline").GetString());
        Assert.Equal(page.QuerySelector("meta[name=description]")!.GetAttribute("content"), ld.GetProperty("description").GetString());
        Assert.Equal(page.DocumentElement.GetAttribute("lang"), ld.GetProperty("inLanguage").GetString());
        Assert.Equal(page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), ld.GetProperty("url").GetString());
        Assert.Equal(story.AuthorName, ld.GetProperty("author")[0].GetProperty("name").GetString());
        Assert.Equal(story.SectionNames[language], ld.GetProperty("articleSection").GetString());
        Assert.Equal("Gaceta", ld.GetProperty("publisher").GetProperty("name").GetString());
        Assert.True(ld.GetProperty("isAccessibleForFree").GetBoolean());
        Assert.True(DateTime.Parse(ld.GetProperty("dateModified").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            >= DateTime.Parse(ld.GetProperty("datePublished").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(ld.GetProperty("correction").EnumerateArray());
        Assert.False(ld.TryGetProperty("articleBody", out _));
        if (language == "es")
        {
            Assert.Equal($"{GacetaApp.PublicUrl}{story.PathIn("en")}", ld.GetProperty("translationOfWork").GetProperty("url").GetString());
        }
        else
        {
            Assert.Equal($"{GacetaApp.PublicUrl}{story.PathIn("es")}", ld.GetProperty("workTranslation")[0].GetProperty("url").GetString());
        }

        Assert.Equal(ld.GetProperty("headline").GetString(), page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal(ld.GetProperty("url").GetString(), page.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        Assert.Equal("article", page.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.NotNull(page.QuerySelector("meta[name='twitter:card']"));
        Assert.NotNull(page.QuerySelector($"link[rel=alternate][type='application/rss+xml'][href='/{language}/feed.xml']"));
    }

    private async Task<(byte[] Body, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await app.CreateReader().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    private static async Task<JsonElement> ParseAsync(byte[] feed)
    {
        var result = await ExternalTool.RunAsync("/usr/bin/python3", ["-c", FeedParser], feed);
        Assert.True(result.ExitCode == 0, result.Errors);
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    private static async Task AssertWellFormedAsync(byte[] xml)
    {
        var result = await ExternalTool.XmlLintAsync(xml);
        Assert.True(result.ExitCode == 0, result.Errors);
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteSyndicationTests(SqliteApp app) : SyndicationTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresSyndicationTests(PostgresApp app) : SyndicationTests(app);
