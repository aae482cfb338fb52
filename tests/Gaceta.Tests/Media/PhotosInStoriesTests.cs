using System.Globalization;
using System.Net;
using Gaceta.Articles;
using Gaceta.Media;
using Gaceta.Staff;
using Gaceta.Tests.Articles;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Media;

/// <summary>
/// Photos placed in an article's text with a marker, and lead photos uploaded from the story editor itself: the
/// reader page shows them responsively with the alternative text of its language, and a photo nobody described in
/// that language cannot be placed.
/// </summary>
public abstract class PhotosInStoriesTests(GacetaApp app)
{
    [Fact]
    public async Task APhotoPlacedInTheText_NeedsAltTextInTheArticlesLanguage_AndIsShownResponsively()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor, "es");
        var original = await MediaLibraryTests.PhotoWithMetadataAsync(1800, 1200);
        // Described in Spanish only, for now.
        (await MediaLibraryTests.UploadAsync(editor, original, "quay-cranes.jpg")).Dispose();
        var photo = await app.WithDbAsync(db => db.Set<MediaItem>().SingleAsync(m => m.ByteCount == original.Length && m.FileName == "quay-cranes.jpg"));
        var marker = Embed.PhotoMarker(photo.Id);
        var story = await app.Stories.CreateBilingualAsync();
        var english = $"/admin/stories/{story.StoryId}/en";
        var spanish = $"/admin/stories/{story.StoryId}/es";

        var unknown = StoryEditorTests.Replace(await StoryEditorTests.FormFieldsAsync(editor, english), "Input.Body", "The cranes stood still.\n\n{{photo:987654}}\n");
        await AssertRefusedAsync(editor, english, unknown, "no está en la biblioteca");
        var undescribed = StoryEditorTests.Replace(await StoryEditorTests.FormFieldsAsync(editor, english), "Input.Body", $"The cranes stood still.\n\n{marker}\n\nThen the ships came in.");
        await AssertRefusedAsync(editor, english, undescribed, "sin descripción (texto alternativo) en este idioma");
        Assert.DoesNotContain(marker, await app.WithDbAsync(db => db.Articles.Where(a => a.StoryId == story.StoryId && a.Language == "en").Select(a => a.Body).SingleAsync()), StringComparison.Ordinal);

        // The photo's page gives the marker to copy; describing the photo in English lets the text take it.
        var item = await editor.Client.GetDocumentAsync($"/admin/media/{photo.Id}");
        Assert.Equal(marker, item.QuerySelector("#embed-marker")!.GetAttribute("value"));
        (await editor.PostAsync($"/admin/media/{photo.Id}", [new("Credit", "Ana Ruiz"), new("Alt[en]", "Cranes over the quay at dawn"), new("Alt[es]", "Grúas sobre el muelle al alba"), new("Caption[es]", "El puerto antes del turno de mañana.")])).Dispose();
        using (var saved = await editor.PostAsync(english, undescribed))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var spanishText = StoryEditorTests.Replace(await StoryEditorTests.FormFieldsAsync(editor, spanish), "Input.Body", $"Las grúas se detuvieron.\n\n{marker}\n");
        using (var saved = await editor.PostAsync(spanish, spanishText))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var reader = app.CreateReader();
        foreach (var (language, alt) in new[] { ("en", "Cranes over the quay at dawn"), ("es", "Grúas sobre el muelle al alba") })
        {
            var page = await reader.GetDocumentAsync(story.PathIn(language));
            var figure = page.QuerySelector(".article-body figure.body-figure")!;
            var img = figure.QuerySelector("picture img")!;
            Assert.Equal(alt, img.GetAttribute("alt"));
            Assert.Equal("lazy", img.GetAttribute("loading"));
            Assert.Equal(("1200", "1800"), (img.GetAttribute("width"), img.GetAttribute("height")));
            Assert.Contains($"/media/{photo.Hash}/640.avif 640w", figure.QuerySelector("source[type='image/avif']")!.GetAttribute("srcset"), StringComparison.Ordinal);
            Assert.Contains($"/media/{photo.Hash}/960.webp 960w", figure.QuerySelector("source[type='image/webp']")!.GetAttribute("srcset"), StringComparison.Ordinal);
            Assert.Contains("Ana Ruiz", figure.QuerySelector("figcaption")!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("{{photo:", page.QuerySelector(".article-body")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains("El puerto antes del turno de mañana.", (await reader.GetDocumentAsync(story.PathIn("es"))).QuerySelector(".body-figure figcaption")!.TextContent, StringComparison.Ordinal);

        // A photo in the text is in use like a lead photo: changing it reaches the page, removing it is refused.
        (await editor.PostAsync($"/admin/media/{photo.Id}", [new("Credit", "Ana Ruiz"), new("Alt[en]", "Cranes over the quay at dawn"), new("Alt[es]", "Tres grúas quietas sobre el muelle")])).Dispose();
        Assert.Equal("Tres grúas quietas sobre el muelle", (await reader.GetDocumentAsync(story.PathIn("es"))).QuerySelector(".body-figure img")!.GetAttribute("alt"));
        using var refused = await editor.PostAsync($"/admin/media/{photo.Id}", [], $"/admin/media/{photo.Id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelectorAll(".error-summary a"), a => a.GetAttribute("href") == $"/admin/stories/{story.StoryId}/es");
        Assert.True(await app.WithDbAsync(db => db.Set<MediaItem>().AnyAsync(m => m.Id == photo.Id)));
    }

    [Fact]
    public async Task ALeadPhotoUploadedWithANewStory_JoinsTheLibrary_AndABadFileStoresNothing()
    {
        using var reporter = await StaffSession.SignInAsync(app, StaffRoles.Reporter, "es");
        var neighbour = await app.Stories.CreateBilingualAsync();
        var headline = "Boats tied up for the storm " + Guid.NewGuid().ToString("N")[..6];
        var fields = StoryEditorTests.StoryFields(neighbour.SectionId, headline, "Save")
            .Append(new("Input.ImageAlt", "Fishing boats tied up for the storm"))
            .Append(new("Input.ImageCredit", "Marta Gil"))
            .ToList();
        const string NewStory = "/admin/stories/new?lang=en";
        var before = await app.WithDbAsync(db => db.Set<MediaItem>().CountAsync());

        using (var refused = await reporter.PostWithFileAsync(NewStory, fields, "Input.LeadUpload", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "boats.jpg"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = Html.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Contains("No se aceptan SVG", page.QuerySelector(".error-summary a[href='#LeadUpload']")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(headline, page.QuerySelector("#Headline")!.GetAttribute("value"));
        }

        Assert.Equal(before, await app.WithDbAsync(db => db.Set<MediaItem>().CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Headline == headline)));

        var original = await MediaLibraryTests.PhotoWithMetadataAsync(1600, 1000);
        using var saved = await reporter.PostWithFileAsync(NewStory, fields, "Input.LeadUpload", original, "boats.jpg");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var photo = await app.WithDbAsync(db => db.Set<MediaItem>().Include(m => m.Texts).SingleAsync(m => m.ByteCount == original.Length && m.FileName == "boats.jpg"));
        var storyId = await app.WithDbAsync(db => db.Articles.Where(a => a.Headline == headline).Select(a => a.StoryId).SingleAsync());
        Assert.Equal(photo.Id, await app.WithDbAsync(db => db.Stories.Where(s => s.Id == storyId).Select(s => s.LeadMediaId).SingleAsync()));
        Assert.Equal("Fishing boats tied up for the storm", photo.TextIn("en")!.Alt);
        Assert.Equal("Marta Gil", photo.Credit);
        var form = await reporter.Client.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal(photo.Id.ToString(CultureInfo.InvariantCulture), form.QuerySelector("#LeadMediaId option[selected]")!.GetAttribute("value"));
    }

    private static async Task AssertRefusedAsync(StaffSession editor, string path, List<KeyValuePair<string, string>> fields, string message)
    {
        using var refused = await editor.PostAsync(path, fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var summary = Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".error-summary a[href='#Body']");
        Assert.NotNull(summary);
        Assert.Contains(message, summary.TextContent, StringComparison.Ordinal);
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqlitePhotosInStoriesTests(SqliteApp app) : PhotosInStoriesTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresPhotosInStoriesTests(PostgresApp app) : PhotosInStoriesTests(app);
