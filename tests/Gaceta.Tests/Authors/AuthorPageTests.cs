using System.Net;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Authors;

/// <summary>Author pages over HTTP, run once per database engine.</summary>
public abstract class AuthorPageTests(GacetaApp app)
{
    private readonly HttpClient _reader = app.CreateReader();

    [Fact]
    public async Task AuthorPage_ShowsBioAndStories_AtALocalizedAddress()
    {
        var story = await app.Stories.CreateBilingualAsync();

        var en = await _reader.GetDocumentAsync($"/en/authors/{story.AuthorSlug}");
        var es = await _reader.GetDocumentAsync($"/es/autores/{story.AuthorSlug}");

        Assert.Equal(story.AuthorName, en.QuerySelector("main h1").Text());
        Assert.StartsWith("Covers the harbour", en.QuerySelector(".author-bio").Text(), StringComparison.Ordinal);
        Assert.Contains(en.QuerySelectorAll(".article-card h3 a"), a => a.GetAttribute("href") == story.PathIn("en"));
        Assert.Equal("Stories", en.QuerySelector("#author-stories").Text());

        Assert.StartsWith("Cubre el puerto", es.QuerySelector(".author-bio").Text(), StringComparison.Ordinal);
        Assert.Contains(es.QuerySelectorAll(".article-card h3 a"), a => a.GetAttribute("href") == story.PathIn("es"));
        Assert.Equal("Noticias", es.QuerySelector("#author-stories").Text());
        Assert.Equal(
            $"{GacetaApp.PublicUrl}/en/authors/{story.AuthorSlug}",
            es.QuerySelector("link[rel=alternate][hreflang=en]")?.GetAttribute("href"));

        using var wrongSegment = await _reader.GetAsync(new Uri($"/es/authors/{story.AuthorSlug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, wrongSegment.StatusCode);
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteAuthorPageTests(SqliteApp app) : AuthorPageTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresAuthorPageTests(PostgresApp app) : AuthorPageTests(app);
