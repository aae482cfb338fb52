using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Sections;

/// <summary>Section pages over HTTP, run once per database engine.</summary>
public abstract class SectionPageTests(GacetaApp app)
{
    private readonly HttpClient _reader = app.CreateReader();

    [Fact]
    public async Task SectionPage_ListsItsStories_UnderTheSectionsNameInEachLanguage()
    {
        var story = await app.Stories.CreateBilingualAsync();

        foreach (var language in new[] { "en", "es" })
        {
            var page = await _reader.GetDocumentAsync(story.SectionPathIn(language));
            Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
            Assert.Equal(story.SectionNames[language], page.QuerySelector("main h1").Text());
            Assert.Contains(page.QuerySelectorAll(".article-card h3 a"), a => a.GetAttribute("href") == story.PathIn(language));
            Assert.Equal(GacetaApp.PublicUrl + story.SectionPathIn(language), page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task PublishingAStory_EvictsItsSectionAndFrontPages_ButNotOtherSections()
    {
        var here = await app.Stories.CreateBilingualAsync();
        var elsewhere = await app.Stories.CreateBilingualAsync();
        await _reader.GetDocumentAsync(here.SectionPathIn("en"));
        await _reader.GetDocumentAsync(elsewhere.SectionPathIn("en"));
        await app.WithDbAsync(db => db.Articles
            .Where(a => a.StoryId == elsewhere.StoryId && a.Language == "en")
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Headline, "Changed quietly")));

        var published = await app.Stories.CreateBilingualAsync(sectionId: here.SectionId);

        var section = await _reader.GetDocumentAsync(here.SectionPathIn("en"));
        Assert.Contains(section.QuerySelectorAll(".article-card h3 a"), a => a.GetAttribute("href") == published.PathIn("en"));
        var front = await _reader.GetDocumentAsync("/en/");
        Assert.Equal(published.PathIn("en"), front.QuerySelector(".lead-story h3 a")?.GetAttribute("href"));
        var other = await _reader.GetDocumentAsync(elsewhere.SectionPathIn("en"));
        Assert.DoesNotContain(other.QuerySelectorAll(".article-card h3"), h => h.Text() == "Changed quietly");
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteSectionPageTests(SqliteApp app) : SectionPageTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresSectionPageTests(PostgresApp app) : SectionPageTests(app);
