using System.ComponentModel.DataAnnotations;
using Gaceta.Articles;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Articles;

/// <summary>The rules the data model itself enforces, on each engine.</summary>
public abstract class StoryModelTests(GacetaApp app)
{
    [Fact]
    public async Task ASlug_IsUniqueWithinALanguage_ButMayRepeatAcrossLanguages()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var slug = await app.WithDbAsync(db => db.Articles.Where(a => a.StoryId == story.StoryId && a.Language == "en").Select(a => a.Slug).SingleAsync());

        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(db =>
        {
            db.Stories.Add(NewStory(story.SectionId, Article("en", slug)));
            return db.SaveChangesAsync();
        }));

        var saved = await app.WithDbAsync(db =>
        {
            db.Stories.Add(NewStory(story.SectionId, Article("es", slug)));
            return db.SaveChangesAsync();
        });
        Assert.True(saved > 0);
    }

    [Fact]
    public async Task AStory_HasAtMostOneArticlePerLanguage()
    {
        var story = await app.Stories.CreateBilingualAsync();

        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(db =>
        {
            var second = Article("en", $"second-{Guid.NewGuid():N}");
            second.StoryId = story.StoryId;
            db.Articles.Add(second);
            return db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task ALeadImage_NeedsAltTextInEveryPublishedLanguage_NotInDrafts()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var draft = NewStory(story.SectionId, Article("en", $"draft-no-alt-{Guid.NewGuid():N}"));
        draft.LeadImage = new LeadImage { Url = "/images/roof.jpg" };
        Assert.True(await app.WithDbAsync(db =>
        {
            db.Stories.Add(draft);
            return db.SaveChangesAsync();
        }) > 0);

        var withoutAlt = NewStory(story.SectionId, Article("en", $"no-alt-{Guid.NewGuid():N}"));
        withoutAlt.Articles[0].Status = ArticleStatus.Published;
        withoutAlt.Articles[0].PublishedAt = app.Clock.GetUtcNow().UtcDateTime;
        withoutAlt.LeadImage = new LeadImage { Url = "/images/roof.jpg" };

        var error = await Assert.ThrowsAsync<ValidationException>(() => app.WithDbAsync(db =>
        {
            db.Stories.Add(withoutAlt);
            return db.SaveChangesAsync();
        }));
        Assert.Contains("alternative text", error.Message, StringComparison.Ordinal);

        var withAlt = NewStory(story.SectionId, Article("en", $"alt-{Guid.NewGuid():N}"));
        withAlt.LeadImage = new LeadImage { Url = "/images/roof.jpg" };
        withAlt.Articles[0].LeadImageAlt = "Cranes over the harbour at dusk";
        Assert.True(await app.WithDbAsync(db =>
        {
            db.Stories.Add(withAlt);
            return db.SaveChangesAsync();
        }) > 0);
    }

    [Fact]
    public async Task Times_ComeBackAsUtc()
    {
        var story = await app.Stories.CreateBilingualAsync();

        var publishedAt = await app.WithDbAsync(db => db.Articles.Where(a => a.StoryId == story.StoryId && a.Language == "en").Select(a => a.PublishedAt!.Value).SingleAsync());

        Assert.Equal(DateTimeKind.Utc, publishedAt.Kind);
        Assert.Equal(story.PublishedAt, publishedAt);
    }

    private Story NewStory(int sectionId, Article article) => new()
    {
        SectionId = sectionId,
        CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        Articles = [article],
    };

    private Article Article(string language, string slug) => new()
    {
        Language = language,
        Headline = "A headline",
        Standfirst = "A standfirst.",
        Slug = slug,
        Body = "A body.",
        CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        UpdatedAt = app.Clock.GetUtcNow().UtcDateTime,
    };
}

[Collection(SqliteHost.Name)]
public sealed class StoryModelOnSqlite(SqliteApp app) : StoryModelTests(app);

[Collection(PostgresHost.Name)]
public sealed class StoryModelOnPostgres(PostgresApp app) : StoryModelTests(app);
