using System.Net;
using Gaceta.Articles;
using Gaceta.Search;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Search;

/// <summary>
/// The search page on each engine, in both languages: accents optional, one language at a time, only what is
/// published, following edits, ranked, highlighted, paged, and safe with any input.
/// </summary>
public abstract class SearchTests(GacetaApp app)
{
    [Theory]
    [InlineData("politica")]
    [InlineData("POLÍTICA")]
    [InlineData("política")]
    public async Task SpanishSearch_IgnoresAccentsAndCase(string word)
    {
        var marker = Marker();
        var story = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["es"] = new($"La política del puerto {marker}", "Debate en el muelle.", "Los estibadores hablan de política portuaria."),
        });

        var hits = await SearchAsync("es", $"{word} {marker}");

        Assert.Equal([story.PathIn("es")], hits.Select(h => h.Path));
    }

    [Fact]
    public async Task AWordOnlyInTheSpanishArticle_IsFoundInSpanish_AndNotFromEnglish()
    {
        var marker = Marker();
        var story = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new("Lighthouse keeper retires", "Forty years on the rock.", "She kept the light burning."),
            ["es"] = new("Se jubila la farera", "Cuarenta años en la roca.", $"Mantuvo la luz encendida en el faro {marker}."),
        });

        Assert.Empty(await SearchAsync("en", marker));
        var hit = Assert.Single(await SearchAsync("es", marker));
        Assert.Equal(story.PathIn("es"), hit.Path);
        Assert.Contains($"<mark>{marker}.</mark>", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftsScheduledAndUnpublishedArticles_AreNeverFound_AndEditsAreFollowed()
    {
        var marker = Marker();
        var draft = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new($"Draft about cranes {marker}", "Not yet.", "Body.") { Status = ArticleStatus.Draft },
        });
        var scheduled = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new($"Scheduled about cranes {marker}", "Later.", "Body.") { PublishedIn = TimeSpan.FromDays(1) },
        });
        var published = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new($"Published about cranes {marker}", "Now.", "Body."),
        });
        Assert.Equal([published.PathIn("en")], (await SearchAsync("en", marker)).Select(h => h.Path));
        Assert.NotNull(draft);
        Assert.NotNull(scheduled);

        // An edit: the old word goes, the new one is found.
        var renamed = Marker();
        await app.WithDbAsync(db => db.Articles.Where(a => a.StoryId == published.StoryId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Headline, $"Published about quays {renamed}")));
        await app.EvictStoryAsync(published);
        Assert.Empty(await SearchAsync("en", marker));
        Assert.Single(await SearchAsync("en", renamed));

        // Unpublished: gone from search.
        await app.WithDbAsync(db => db.Articles.Where(a => a.StoryId == published.StoryId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Draft)));
        await app.EvictStoryAsync(published);
        Assert.Empty(await SearchAsync("en", renamed));
    }

    [Fact]
    public async Task AHeadlineMatch_RanksAboveABodyMatch_AndResultsArePaged()
    {
        var marker = Marker();
        for (var i = 0; i < 11; i++)
        {
            await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
            {
                ["en"] = new($"Harbour note {i}", "A note.", $"Somewhere in the text the word {marker} appears once."),
            });
        }

        var lead = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new($"{marker} dominates the harbour", $"All about {marker}.", $"{marker}, {marker} and {marker} again."),
        });

        var first = await app.CreateReader().GetDocumentAsync($"/en/search?q={marker}");
        var results = first.QuerySelectorAll(".search-result h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(10, results.Count);
        Assert.Equal(lead.PathIn("en"), results[0]);
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href");
        Assert.Equal($"/en/search?q={marker}&page=2", next);

        var second = await app.CreateReader().GetDocumentAsync(next!);
        Assert.Equal(2, second.QuerySelectorAll(".search-result").Length);
        Assert.Null(second.QuerySelector(".pager a[rel=next]"));
        Assert.DoesNotContain(lead.PathIn("en"), second.QuerySelectorAll(".search-result h2 a").Select(a => a.GetAttribute("href")));
        using var beyond = await app.CreateReader().GetAsync($"/en/search?q={marker}&page=3");
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }

    [Fact]
    public async Task EachEngine_SearchesWithItsOwnIndex()
    {
        await using var scope = app.Services.CreateAsyncScope();

        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();

        Assert.IsType(app.Engine == DatabaseEngine.Postgres ? typeof(PostgresSearchIndex) : typeof(SqliteSearchIndex), index);
    }

    [Fact]
    public async Task PastTheRankedWindow_OlderMatchesFollow_NewestFirst()
    {
        var marker = Marker();
        var count = SearchArticles.RankWindow + 5;
        await app.WithDbAsync(async db =>
        {
            var section = await db.Sections.Select(x => x.Id).FirstAsync();
            var at = new DateTime(2021, 3, 1, 8, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < count; i++)
            {
                // Inserted oldest first, so article ids grow with age as they do in a newsroom.
                var story = new Story { SectionId = section, CreatedAt = at, Version = 1 };
                story.Articles.Add(new Article
                {
                    Language = "en",
                    Headline = $"Tide table {i}",
                    Standfirst = "Times of the tides.",
                    Slug = $"{marker}-{i}",
                    Body = $"High water and {marker} at the harbour.",
                    Status = ArticleStatus.Published,
                    PublishedAt = at.AddMinutes(i),
                    CreatedAt = at,
                    UpdatedAt = at,
                    Version = 1,
                    Revision = 1,
                });
                db.Stories.Add(story);
            }

            return await db.SaveChangesAsync();
        });

        string Slug(string href) => href[(href.LastIndexOf('/') + 1)..];
        var lastRanked = await app.CreateReader().GetDocumentAsync($"/en/search?q={marker}&page={SearchArticles.RankWindow / SearchArticles.PageSize}");
        var ranked = lastRanked.QuerySelectorAll(".search-result h2 a").Select(a => Slug(a.GetAttribute("href")!)).ToList();
        Assert.Equal(SearchArticles.PageSize, ranked.Count);
        Assert.Equal($"{marker}-5", ranked[^1]);
        var next = lastRanked.QuerySelector(".pager a[rel=next]")!.GetAttribute("href");

        var older = await app.CreateReader().GetDocumentAsync(next!);
        Assert.Equal(
            Enumerable.Range(0, 5).Reverse().Select(i => $"{marker}-{i}"),
            older.QuerySelectorAll(".search-result h2 a").Select(a => Slug(a.GetAttribute("href")!)));
        Assert.Null(older.QuerySelector(".pager a[rel=next]"));
    }

    [Theory]
    [InlineData("en", "/en/search", "Search stories", "No stories match")]
    [InlineData("es", "/es/buscar", "Buscar noticias", "Ninguna noticia coincide")]
    public async Task ThePage_IsLocalized_AndAnyInputIsSafe(string language, string path, string heading, string empty)
    {
        var page = await app.CreateReader().GetDocumentAsync(path);
        Assert.Equal(heading, page.QuerySelector("main h1").Text());
        Assert.Empty(page.QuerySelectorAll(".search-result"));

        foreach (var input in new[] { "\"unbalanced", "AND OR NOT", "cranes*)(", "title:x NEAR(y)", "'; DROP TABLE \"Articles\"; --", new string('x', 500), "<script>alert(1)</script>" })
        {
            using var response = await app.CreateReader().GetAsync($"{path}?q={Uri.EscapeDataString(input)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        }

        var none = await app.CreateReader().GetDocumentAsync($"{path}?q={Marker()}");
        Assert.StartsWith(empty, none.QuerySelector(".search-empty").Text(), StringComparison.Ordinal);
        using var wrongWord = await app.CreateReader().GetAsync(language == "en" ? "/en/buscar" : "/es/search");
        Assert.Equal(HttpStatusCode.NotFound, wrongWord.StatusCode);
    }

    private sealed record Hit(string Path, string Snippet);

    /// <summary>A made-up word of letters only, so no other test's article contains it and no stemmer changes it.</summary>
    private static string Marker() => "zq" + new string(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + (Convert.ToInt32(c.ToString(), 16) % 26))).ToArray());

    private async Task<IReadOnlyList<Hit>> SearchAsync(string language, string query)
    {
        var path = language == "en" ? "/en/search" : "/es/buscar";
        var page = await app.CreateReader().GetDocumentAsync($"{path}?q={Uri.EscapeDataString(query)}");
        return page.QuerySelectorAll(".search-result")
            .Select(r => new Hit(r.QuerySelector("h2 a")!.GetAttribute("href")!, r.QuerySelector(".search-snippet")!.InnerHtml))
            .ToList();
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteSearchTests(SqliteApp app) : SearchTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresSearchTests(PostgresApp app) : SearchTests(app);
