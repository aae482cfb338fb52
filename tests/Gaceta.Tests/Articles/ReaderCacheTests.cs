using System.Net;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Articles;

/// <summary>Reader pages are cookieless, publicly cacheable and carry the security headers; a cached article lives until its story changes.</summary>
public abstract class ReaderCacheTests(GacetaApp app)
{
    private readonly HttpClient _reader = app.CreateReader();

    [Fact]
    public async Task ReaderPages_CarryTheSecurityHeaders()
    {
        var story = await app.Stories.CreateBilingualAsync();

        foreach (var path in new[] { story.PathIn("en"), "/es/", "/en/no-such-page/x/y/z" })
        {
            using var response = await _reader.GetAsync(new Uri(path, UriKind.Relative));
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    public async Task ReaderPages_SetNoCookies_AndArePubliclyCacheable()
    {
        var story = await app.Stories.CreateBilingualAsync();

        foreach (var path in new[] { story.PathIn("es"), "/en/", story.SectionPathIn("en"), $"/es/autores/{story.AuthorSlug}" })
        {
            using var response = await _reader.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} sets a cookie.");
            Assert.True(response.Headers.CacheControl?.Public, $"{path} is not publicly cacheable.");
        }
    }

    [Fact]
    public async Task CachedArticle_IsServedUntilItsStoryIsEvicted_AndOtherStoriesDoNotEvictIt()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var first = await _reader.GetDocumentAsync(story.PathIn("en"));
        Assert.Equal("Harbour cranes return to work", first.QuerySelector("main h1").Text());

        await app.WithDbAsync(db => db.Articles
            .Where(a => a.StoryId == story.StoryId && a.Language == "en")
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Headline, "Cranes are back")));

        // Another story's change leaves this page's cache entry alone.
        await app.Stories.CreateBilingualAsync();
        var stillCached = await _reader.GetDocumentAsync(story.PathIn("en"));
        Assert.Equal("Harbour cranes return to work", stillCached.QuerySelector("main h1").Text());

        await app.EvictStoryAsync(story);
        var fresh = await _reader.GetDocumentAsync(story.PathIn("en"));
        Assert.Equal("Cranes are back", fresh.QuerySelector("main h1").Text());
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteReaderCacheTests(SqliteApp app) : ReaderCacheTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresReaderCacheTests(PostgresApp app) : ReaderCacheTests(app);
