using System.Net;
using Gaceta.Articles;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Home;

/// <summary>The root address and the front pages over HTTP, run once per database engine.</summary>
public abstract class FrontPageTests(GacetaApp app)
{
    private readonly HttpClient _reader = app.CreateReader();

    [Theory]
    [InlineData("es-ES,es;q=0.9,en;q=0.8", "/es/")]
    [InlineData("en-GB,en;q=0.9", "/en/")]
    [InlineData("fr-FR,fr;q=0.9", "/en/")]
    [InlineData("fr-FR,es;q=0.5,en;q=0.4", "/es/")]
    [InlineData("en;q=0.2,es;q=0.8", "/es/")]
    [InlineData("", "/en/")]
    public async Task Root_RedirectsToTheFrontPageOfTheBrowsersLanguage(string acceptLanguage, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (acceptLanguage.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await _reader.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task FrontPage_LeadsWithTheNewestStory_InEachLanguage()
    {
        var story = await app.Stories.CreateBilingualAsync();

        var en = await _reader.GetDocumentAsync("/en/");
        var es = await _reader.GetDocumentAsync("/es/");

        Assert.Equal("en", en.DocumentElement.GetAttribute("lang"));
        Assert.Equal(story.PathIn("en"), en.QuerySelector(".lead-story h3 a")?.GetAttribute("href"));
        Assert.Equal("Harbour cranes return to work", en.QuerySelector(".lead-story h3").Text());
        Assert.Equal("Latest", en.QuerySelector("#latest-heading").Text());

        Assert.Equal("es", es.DocumentElement.GetAttribute("lang"));
        Assert.Equal(story.PathIn("es"), es.QuerySelector(".lead-story h3 a")?.GetAttribute("href"));
        Assert.Equal("Lo último", es.QuerySelector("#latest-heading").Text());
        Assert.Equal("Saltar al contenido", es.QuerySelector("a.skip-link").Text());
    }

    [Fact]
    public async Task FrontPage_PagesThroughOlderStories_AndRefusesPagesPastTheEnd()
    {
        var first = await app.Stories.CreateBilingualAsync();
        for (var i = 0; i < ReaderListings.PageSize; i++)
        {
            await app.Stories.CreateBilingualAsync(sectionId: first.SectionId);
        }

        var section = await _reader.GetDocumentAsync(first.SectionPathIn("es"));
        var pager = section.QuerySelector("nav.pager");
        Assert.Equal("Páginas", pager?.GetAttribute("aria-label"));
        Assert.Contains("Página 1 de 2", pager.Text());
        Assert.Equal(first.SectionPathIn("es") + "?page=2", pager?.QuerySelector("a[rel=next]")?.GetAttribute("href"));

        var second = await _reader.GetDocumentAsync(first.SectionPathIn("es") + "?page=2");
        Assert.Contains(second.QuerySelectorAll(".article-card h3 a"), a => a.GetAttribute("href") == first.PathIn("es"));

        using var pastTheEnd = await _reader.GetAsync(new Uri(first.SectionPathIn("en") + "?page=3", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, pastTheEnd.StatusCode);
    }

    [Fact]
    public async Task Healthz_SaysTheNodeIsAlive_AndReadyz_ThatTheDatabaseAnswersWithTheCodesSchema()
    {
        using var alive = await _reader.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await _reader.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("""{"status":"Healthy","checks":{}}""", await alive.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("no-store", ready.Headers.CacheControl!.ToString());
        Assert.Equal("""{"status":"Healthy","checks":{"database":"Healthy","schema":"Healthy"}}""", await ready.Content.ReadAsStringAsync());
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteFrontPageTests(SqliteApp app) : FrontPageTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresFrontPageTests(PostgresApp app) : FrontPageTests(app);
