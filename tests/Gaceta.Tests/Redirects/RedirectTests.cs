using System.Net;
using Gaceta.Articles;
using Gaceta.Redirects;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Redirects;

/// <summary>Old addresses answer 301: a published article's address after its slug changed, and the ones editors add.</summary>
public abstract class RedirectTests(GacetaApp app)
{
    [Fact]
    public async Task ChangingAPublishedSlug_KeepsTheOldAddressWorking()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var oldPath = story.PathIn("en");
        var current = await app.SendAsync<ReadStoryEditor.Handler, ReadStoryEditor.Model?>(h => h.HandleAsync(new ReadStoryEditor.Query(story.StoryId, "en", StoryFactory.Desk), CancellationToken.None));
        var newSlug = "renamed-" + Guid.NewGuid().ToString("N")[..8];

        var saved = await app.SendAsync<EditStory.Handler, EditStory.Result>(h => h.HandleAsync(
            new EditStory.Command(story.StoryId, "en", current!.StoryVersion, current.ArticleVersion, current.Story, current.Article with { Slug = newSlug }, EditStory.Intent.Save, null, StoryFactory.Desk),
            CancellationToken.None));

        Assert.Equal(EditStory.Outcome.Saved, saved.Outcome);
        var reader = app.CreateReader();
        using var moved = await reader.GetAsync(new Uri(oldPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.EndsWith("/" + newSlug, moved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var page = await reader.GetAsync(moved.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Editors_AddAndRemoveRedirects_WithLocalizedErrors()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor, "es");
        var story = await app.Stories.CreateBilingualAsync();
        var old = "/archivo/" + Guid.NewGuid().ToString("N")[..8] + ".html";

        using (var refused = await editor.PostAsync("/admin/redirects", [new("From", "no es una ruta"), new("To", story.PathIn("es"))]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Escribe la dirección antigua", Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        }

        using (var added = await editor.PostAsync("/admin/redirects", [new("From", old), new("To", story.PathIn("es"))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var reader = app.CreateReader();
        using (var moved = await reader.GetAsync(new Uri(old, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal(story.PathIn("es"), moved.Headers.Location!.OriginalString);
        }

        var list = await editor.Client.GetDocumentAsync("/admin/redirects?q=" + Uri.EscapeDataString(old));
        Assert.Contains(old, list.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        var id = await app.WithDbAsync(db => db.Redirects.Where(r => r.Path == old).Select(r => r.Id).SingleAsync());
        using (var removed = await editor.PostAsync("/admin/redirects", [], $"/admin/redirects?handler=Remove&id={id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }

        using var gone = await reader.GetAsync(new Uri(old, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("/2019/05/old-story/", null, "/2019/05/old-story")]
    [InlineData("/2019/05/%C3%B1u-story", null, "/2019/05/ñu-story")]
    [InlineData("/", "?p=42&utm_source=x", "/?p=42")]
    [InlineData("/", "?page_id=7", "/?p=7")]
    [InlineData("//evil.example/x", null, null)]
    [InlineData("relative/path", null, null)]
    [InlineData("/%00/feed.xml", null, null)]
    public void OldAddresses_AreWrittenOneWay(string path, string? query, string? key) =>
        Assert.Equal(key, RedirectPaths.Key(path, query));
}

[Collection(SqliteHost.Name)]
public sealed class SqliteRedirectTests(SqliteApp app) : RedirectTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresRedirectTests(PostgresApp app) : RedirectTests(app);
