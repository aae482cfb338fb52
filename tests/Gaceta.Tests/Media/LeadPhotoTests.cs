using System.Net;
using Gaceta.Articles;
using Gaceta.Media;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Media;

/// <summary>
/// A library photo as a story's lead image, chosen in the story editor: responsive markup on the reader page in
/// each language with that language's alternative text, and a 1200×630 social card without metadata.
/// </summary>
public abstract class LeadPhotoTests(GacetaApp app)
{
    [Fact]
    public async Task ALeadPhoto_IsResponsiveInBothLanguages_AndItsSocialCardIsACleanCrop()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        var original = await MediaLibraryTests.PhotoWithMetadataAsync(2400, 1600);
        using var uploaded = await MediaLibraryTests.UploadAsync(editor, original, "market-hall.jpg", alt: "The old fish hall at night");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var photo = await app.WithDbAsync(db => db.Set<MediaItem>().SingleAsync(m => m.ByteCount == original.Length && m.FileName == "market-hall.jpg"));
        var story = await app.Stories.CreateBilingualAsync();

        // The editor offers the photo, and choosing it there is what attaches it.
        var form = await editor.Client.GetDocumentAsync($"/admin/stories/{story.StoryId}/en");
        Assert.Contains(form.QuerySelectorAll("#LeadMediaId option"), o => o.GetAttribute("value") == photo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var fields = Articles.StoryEditorTests.Replace(
            await Articles.StoryEditorTests.FormFieldsAsync(editor, $"/admin/stories/{story.StoryId}/en"), "Input.LeadMediaId", photo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var saved = await editor.PostAsync($"/admin/stories/{story.StoryId}/en", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var reader = app.CreateReader();
        foreach (var (language, alt) in new[] { ("en", "The old fish hall at night"), ("es", "Grúas al amanecer") })
        {
            var page = await reader.GetDocumentAsync(story.PathIn(language));
            var picture = page.QuerySelector(".lead-figure picture")!;
            Assert.Contains($"/media/{photo.Hash}/320.avif 320w", picture.QuerySelector("source[type='image/avif']")!.GetAttribute("srcset"), StringComparison.Ordinal);
            Assert.Contains($"/media/{photo.Hash}/1600.webp 1600w", picture.QuerySelector("source[type='image/webp']")!.GetAttribute("srcset"), StringComparison.Ordinal);
            var img = picture.QuerySelector("img")!;
            Assert.Equal(alt, img.GetAttribute("alt"));
            // Upright (the camera was on its side) and never enlarged: 1600×2400, shown at most 1280 wide.
            Assert.DoesNotContain("2048w", img.GetAttribute("srcset"), StringComparison.Ordinal);
            Assert.Equal(("1280", "1920"), (img.GetAttribute("width"), img.GetAttribute("height")));
            Assert.Equal("high", img.GetAttribute("fetchpriority"));
            Assert.Equal(PhotoViewSizes, img.GetAttribute("sizes"));
            Assert.Equal($"{GacetaApp.PublicUrl}/media/{photo.Hash}/social.jpg", page.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
            Assert.Equal("630", page.QuerySelector("meta[property='og:image:height']")!.GetAttribute("content"));
        }

        // The newest story leads the front page with its photo, in the page's language.
        var front = await reader.GetDocumentAsync("/es/");
        Assert.Equal(story.PathIn("es"), front.QuerySelector(".lead-story .lead-headline a")!.GetAttribute("href"));
        Assert.Equal("Grúas al amanecer", front.QuerySelector(".lead-story picture img")!.GetAttribute("alt"));

        // Feeds carry the photo as an enclosure, RSS and Atom alike, and a real parser reads it.
        var jpeg = $"{GacetaApp.PublicUrl}/media/{photo.Hash}/1280.jpg";
        var rss = await reader.GetByteArrayAsync(new Uri("/en/feed.xml", UriKind.Relative));
        Assert.Contains($"<enclosure url=\"{jpeg}\" length=\"0\" type=\"image/jpeg\" />", System.Text.Encoding.UTF8.GetString(rss), StringComparison.Ordinal);
        var atom = System.Text.Encoding.UTF8.GetString(await reader.GetByteArrayAsync(new Uri("/en/atom.xml", UriKind.Relative)));
        Assert.Contains($"rel=\"enclosure\" type=\"image/jpeg\" href=\"{jpeg}\"", atom, StringComparison.Ordinal);
        var parsed = await ExternalTool.RunAsync("/usr/bin/python3", ["-c", "import sys, feedparser; f = feedparser.parse(sys.stdin.buffer.read()); print('\\n'.join(e.href for x in f.entries for e in x.enclosures))"], rss);
        Assert.Contains(jpeg, parsed.Output, StringComparison.Ordinal);

        // Newsletters show the 600-pixel copy with the alternative text of the mail's language.
        var newsletterId = await app.WithDbAsync(async db =>
        {
            var newsletter = new Gaceta.Newsletters.Newsletter { Key = $"photos-{photo.Id}", CreatedAt = DateTime.UtcNow, Names = [new() { Language = "en", Name = "Photos" }, new() { Language = "es", Name = "Fotos" }] };
            db.Newsletters.Add(newsletter);
            await db.SaveChangesAsync();
            return newsletter.Id;
        });
        var composed = await app.SendAsync<Gaceta.Newsletters.ComposeEdition.Handler, Gaceta.Newsletters.ComposeEdition.Result>(h => h.HandleAsync(
            new Gaceta.Newsletters.ComposeEdition.Command(null, 0, newsletterId, [story.StoryId], new Dictionary<string, Gaceta.Newsletters.ComposeEdition.Text> { ["en"] = new("Photos", null), ["es"] = new("Fotos", null) }, null, StoryFactory.Desk),
            CancellationToken.None));
        Assert.Equal(Gaceta.Newsletters.ComposeEdition.Outcome.Saved, composed.Outcome);
        var mail = Html.Parse((await app.SendAsync<Gaceta.Newsletters.PreviewEdition.Handler, string?>(h => h.HandleAsync(new Gaceta.Newsletters.PreviewEdition.Query(composed.EditionId, "es"), CancellationToken.None)))!);
        var mailImage = mail.QuerySelector("img[src*='/media/']")!;
        Assert.Equal($"{GacetaApp.PublicUrl}/media/{photo.Hash}/600.jpg", mailImage.GetAttribute("src"));
        Assert.Equal("Grúas al amanecer", mailImage.GetAttribute("alt"));
        using (var copy = NetVips.Image.NewFromBuffer(await reader.GetByteArrayAsync(new Uri(MediaVariants.Path(photo.Hash, MediaVariants.NewsletterWidth, VariantFormat.Jpeg), UriKind.Relative))))
        {
            Assert.Equal(600, copy.Width);
        }

        using var card = await reader.GetAsync(new Uri(MediaVariants.SocialPath(photo.Hash), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        var bytes = await card.Content.ReadAsByteArrayAsync();
        using (var image = NetVips.Image.NewFromBuffer(bytes))
        {
            Assert.Equal((1200, 630), (image.Width, image.Height));
        }

        MediaLibraryTests.AssertNoTraces(bytes, "social card");
    }

    [Fact]
    public async Task EditingAPhoto_ReachesTheStoriesShowingIt_AndRemovingItIsRefusedWhileOneDoes()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor, "es");
        var original = await MediaLibraryTests.PhotoWithMetadataAsync(1200, 800);
        using var uploaded = await MediaLibraryTests.UploadAsync(editor, original, "ferry.jpg", alt: "A ferry at the quay");
        var photo = await app.WithDbAsync(db => db.Set<MediaItem>().SingleAsync(m => m.ByteCount == original.Length && m.FileName == "ferry.jpg"));
        var story = await app.Stories.CreateBilingualAsync();
        var current = await app.SendAsync<ReadStoryEditor.Handler, ReadStoryEditor.Model?>(h => h.HandleAsync(new ReadStoryEditor.Query(story.StoryId, "en", StoryFactory.Desk), CancellationToken.None));
        var attached = await app.SendAsync<EditStory.Handler, EditStory.Result>(h => h.HandleAsync(
            new EditStory.Command(story.StoryId, "en", current!.StoryVersion, current.ArticleVersion, current.Story with { LeadMediaId = photo.Id }, current.Article, EditStory.Intent.Save, null, StoryFactory.Desk),
            CancellationToken.None));
        Assert.Equal(EditStory.Outcome.Saved, attached.Outcome);
        var reader = app.CreateReader();
        Assert.Equal("Grúas al amanecer", (await reader.GetDocumentAsync(story.PathIn("es"))).QuerySelector(".lead-figure img")!.GetAttribute("alt"));

        using var edited = await editor.PostAsync($"/admin/media/{photo.Id}", [new("Alt[en]", "A ferry at the quay"), new("Alt[es]", "Un ferri en el muelle"), new("FocalX", "30"), new("FocalY", "40")]);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        // The cached page went with the change.
        Assert.Equal("Un ferri en el muelle", (await reader.GetDocumentAsync(story.PathIn("es"))).QuerySelector(".lead-figure img")!.GetAttribute("alt"));

        using var refused = await editor.PostAsync($"/admin/media/{photo.Id}", [], $"/admin/media/{photo.Id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Estas noticias muestran la foto", page.QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll(".error-summary a"), a => a.GetAttribute("href") == $"/admin/stories/{story.StoryId}/es");
        Assert.True(await app.WithDbAsync(db => db.Set<MediaItem>().AnyAsync(m => m.Id == photo.Id)));

        var detached = await app.SendAsync<ReadStoryEditor.Handler, ReadStoryEditor.Model?>(h => h.HandleAsync(new ReadStoryEditor.Query(story.StoryId, "en", StoryFactory.Desk), CancellationToken.None));
        await app.SendAsync<EditStory.Handler, EditStory.Result>(h => h.HandleAsync(
            new EditStory.Command(story.StoryId, "en", detached!.StoryVersion, detached.ArticleVersion, detached.Story with { LeadMediaId = null }, detached.Article, EditStory.Intent.Save, null, StoryFactory.Desk),
            CancellationToken.None));
        using var removed = await editor.PostAsync($"/admin/media/{photo.Id}", [], $"/admin/media/{photo.Id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<MediaItem>().AnyAsync(m => m.Id == photo.Id)));
        using var gone = await reader.GetAsync(new Uri(MediaVariants.Path(photo.Hash, 320, VariantFormat.Jpeg), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private const string PhotoViewSizes = Web.Features.Shared.PhotoView.ArticleWidth;
}

[Collection(SqliteHost.Name)]
public sealed class SqliteLeadPhotoTests(SqliteApp app) : LeadPhotoTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresLeadPhotoTests(PostgresApp app) : LeadPhotoTests(app);
