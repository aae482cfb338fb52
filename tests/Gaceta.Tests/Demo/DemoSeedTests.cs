using System.Net;
using Gaceta.Articles;
using Gaceta.Demo;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Demo;

/// <summary>A host that seeds the demo newsroom into its own empty database, as the run command does.</summary>
public abstract class DemoApp(DatabaseEngine engine) : GacetaApp(engine)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Seed"] = "true" };
}

public sealed class SqliteDemoApp() : DemoApp(DatabaseEngine.Sqlite);

public sealed class PostgresDemoApp() : DemoApp(DatabaseEngine.Postgres);

public abstract class DemoSeedTests(DemoApp app)
{
    [Fact]
    public async Task DemoSeed_FillsAnEmptyDatabase_WithTheSampleNewsroom()
    {
        var stories = await app.WithDbAsync(db => db.Stories
            .Select(s => new { s.SectionId, s.WireCredit, Languages = s.Articles.Select(a => a.Language).ToList() })
            .ToListAsync());

        Assert.True(stories.Count >= 8, $"{stories.Count} stories");
        Assert.True(stories.Select(s => s.SectionId).Distinct().Count() >= 2);
        Assert.Contains(stories, s => s.Languages.SequenceEqual(["en"]));
        Assert.Contains(stories, s => s.Languages.SequenceEqual(["es"]));
        Assert.True(stories.Count(s => s.Languages.Count == 2) > stories.Count / 2);
        Assert.Contains(stories, s => s.WireCredit == "EFE");
    }

    [Theory]
    [InlineData("en", "Morning tide", "Subscribe")]
    [InlineData("es", "Marea de la mañana", "Suscribirme")]
    public async Task TheDemoNewsletterPage_OffersAFreeNewsletterToSubscribeTo(string language, string name, string button)
    {
        var page = await app.CreateReader().GetDocumentAsync($"/{language}/newsletters");

        var free = page.QuerySelectorAll("section.newsletter").Single(s => s.QuerySelector("h2").Text() == name);
        Assert.Equal(button, free.QuerySelector("form button").Text());
        Assert.NotNull(page.QuerySelector(".newsletter-premium"));
    }

    [Theory]
    [InlineData("en", "Flat illustration of a harbour at sunset")]
    [InlineData("es", "Ilustración de un puerto al atardecer")]
    public async Task TheDemoIllustrations_AreLibraryPhotos_ServedResponsively(string language, string alt)
    {
        var photo = await app.WithDbAsync(db => db.Set<Gaceta.Media.MediaItem>().SingleAsync(m => m.FileName == "harbour.png"));
        var slug = await app.WithDbAsync(db => db.Articles.Where(a => a.Language == language && a.Story.LeadMediaId == photo.Id)
            .Select(a => new { a.Slug, a.PublishedAt }).FirstAsync());
        var reader = app.CreateReader();

        var page = await reader.GetDocumentAsync(ArticlePaths.Article(language, slug.PublishedAt!.Value, slug.Slug));

        var img = page.QuerySelector(".lead-figure picture img")!;
        Assert.StartsWith(alt, img.GetAttribute("alt"), StringComparison.Ordinal);
        Assert.Contains($"/media/{photo.Hash}/2048.jpg 2048w", img.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("picture source[type='image/avif']"));
        using var copy = await reader.GetAsync(new Uri($"/media/{photo.Hash}/640.webp", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal("image/webp", copy.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheSite_HasAFavicon_LinkedFromEveryPage()
    {
        var reader = app.CreateReader();
        using var ico = await reader.GetAsync(new Uri("/favicon.ico", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal([0, 0, 1, 0], (await ico.Content.ReadAsByteArrayAsync())[..4]);
        using var svg = await reader.GetAsync(new Uri("/favicon.svg", UriKind.Relative));
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var front = await reader.GetDocumentAsync("/es/");
        Assert.NotNull(front.QuerySelector("link[rel=icon][href='/favicon.svg']"));
        var signIn = await reader.GetDocumentAsync("/admin/sign-in");
        Assert.NotNull(signIn.QuerySelector("link[rel=icon][href='/favicon.ico']"));
    }

    [Fact]
    public async Task DemoSeed_AddsNothing_WhenTheDatabaseHasStories()
    {
        await using var scope = app.Services.CreateAsyncScope();

        var added = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);

        Assert.Equal(0, added);
    }

    [Fact]
    public async Task DemoSite_ServesEveryDemoArticle_WithoutAnEmbedMarkerShowing()
    {
        var reader = app.CreateReader();
        var articles = await app.WithDbAsync(db => db.Articles.Select(a => new { a.Language, a.Slug, a.PublishedAt }).ToListAsync());

        foreach (var article in articles)
        {
            using var response = await reader.GetAsync(new Uri(ArticlePaths.Article(article.Language, article.PublishedAt!.Value, article.Slug), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("{{", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}

public sealed class DemoSeedOnSqlite(SqliteDemoApp app) : DemoSeedTests(app), IClassFixture<SqliteDemoApp>;

public sealed class DemoSeedOnPostgres(PostgresDemoApp app) : DemoSeedTests(app), IClassFixture<PostgresDemoApp>;
