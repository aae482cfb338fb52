using Gaceta.Articles;
using Gaceta.Importing;
using Gaceta.Importing.WordPress;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Importing;

/// <summary>
/// A WordPress export made by WordPress's own exporter (Fixtures/wordpress/make-export.sh, with Polylang's data
/// shape), imported through the command line and read back through the reader pages in both languages.
/// </summary>
public abstract class WordPressImportTests(GacetaApp app)
{
    private const string FixtureHost = "wp.gaceta.test";

    [Fact]
    public async Task AnExport_BecomesBilingualStories_ReadInBothLanguages_AndASecondRunChangesNothing()
    {
        var (file, site) = await ExportAsync();
        try
        {
            var first = await CliProcess.RunAsync(app, "import", "wordpress", file);

            Assert.True(first.ExitCode == 0, first.Output + first.Errors);
            Assert.Contains("8 created · 0 updated · 0 unchanged · 2 skipped · 0 invalid", first.Output, StringComparison.Ordinal);
            Assert.Contains("Status 'private' is not imported.", first.Output, StringComparison.Ordinal);
            Assert.Contains("Status 'trash' is not imported.", first.Output, StringComparison.Ordinal);
            Assert.Contains("Shortcode removed: [gravityform id=\"3\" title=\"false\"]", first.Output, StringComparison.Ordinal);
            Assert.Contains("Embed kept as a link: https://www.youtube.com/watch?v=dQw4w9WgXcQ", first.Output, StringComparison.Ordinal);
            Assert.Contains("1 page(s): Gaceta has no pages", first.Output, StringComparison.Ordinal);
            Assert.Contains("2 tag(s) on posts", first.Output, StringComparison.Ordinal);
            Assert.Contains("1 comment(s)", first.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", first.Errors, StringComparison.Ordinal);

            var ferry = await StoryOfAsync(site, "6");
            Assert.Equal(["en", "es"], ferry.Articles.Select(a => a.Language).Order().ToList());
            Assert.Equal(ferry.Id, (await StoryOfAsync(site, "7")).Id);
            var english = ferry.Articles.Single(a => a.Language == "en");
            var spanish = ferry.Articles.Single(a => a.Language == "es");
            Assert.Equal(ArticleStatus.Published, english.Status);
            Assert.Equal(new DateTime(2026, 10, 2, 6, 15, 0, DateTimeKind.Utc), english.PublishedAt);
            Assert.Equal("en", spanish.SourceLanguage);
            Assert.Equal("Commuters from the islands will reach the mainland before seven from Monday.", english.Standfirst);
            var section = await app.WithDbAsync(db => db.Sections.Include(s => s.Names).SingleAsync(s => s.Id == ferry.SectionId));
            Assert.Equal(("Port", "port"), (section.NameIn("en")!.Name, section.NameIn("en")!.Slug));
            Assert.Equal(("Puerto", "puerto"), (section.NameIn("es")!.Name, section.NameIn("es")!.Slug));
            Assert.Equal("Marina Quiroga", await app.WithDbAsync(db => db.Stories.Where(s => s.Id == ferry.Id).SelectMany(s => s.Authors).Select(a => a.Author.Name).SingleAsync()));

            var reader = app.CreateReader();
            var page = await reader.GetDocumentAsync(ArticlePaths.Article("en", english.PublishedAt!.Value, english.Slug));
            Assert.Equal("Island ferry adds a dawn crossing", page.QuerySelector("main h1")!.TextContent);
            var body = page.QuerySelector(".article-body")!;
            Assert.Equal("new crossing at 7:10", body.QuerySelector("strong")!.TextContent);
            Assert.Equal("https://example.org/petition", body.QuerySelector("a[href*='petition']")!.GetAttribute("href"));
            Assert.Equal("What changes", body.QuerySelector("h2")!.TextContent);
            Assert.Equal(2, body.QuerySelectorAll("ul li").Length);
            Assert.Contains("We asked for one boat", body.QuerySelector("blockquote")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(body.QuerySelector("a[href='https://www.youtube.com/watch?v=dQw4w9WgXcQ']"));
            Assert.Null(body.QuerySelector("script, [onclick]"));
            Assert.DoesNotContain("gravityform", body.InnerHtml, StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector($"a[hreflang='es'][href='{ArticlePaths.Article("es", spanish.PublishedAt!.Value, spanish.Slug)}']"));
            var spanishPage = await reader.GetDocumentAsync(ArticlePaths.Article("es", spanish.PublishedAt!.Value, spanish.Slug));
            Assert.Equal("El ferri de las islas suma una salida al amanecer", spanishPage.QuerySelector("main h1")!.TextContent);
            Assert.Equal("Qué cambia", spanishPage.QuerySelector(".article-body h3")!.TextContent);

            // Classic-editor paragraphs, Spanish-only stories, scheduled posts and drafts.
            var budget = await StoryOfAsync(site, "8");
            Assert.Contains("**14 to 11**", budget.Articles.Single(a => a.Language == "en").Body, StringComparison.Ordinal);
            Assert.Contains("\n\nThe opposition will appeal.", budget.Articles.Single(a => a.Language == "en").Body, StringComparison.Ordinal);
            Assert.Equal(["es"], (await StoryOfAsync(site, "10")).Articles.Select(a => a.Language).ToList());
            var scheduled = (await StoryOfAsync(site, "11")).Articles.Single();
            Assert.Equal((ArticleStatus.Scheduled, new DateTime(2030, 3, 1, 8, 0, 0, DateTimeKind.Utc)), (scheduled.Status, scheduled.PublishedAt!.Value));
            Assert.Equal(ArticleStatus.Draft, (await StoryOfAsync(site, "12")).Articles.Single().Status);
            Assert.Equal(ArticleStatus.Draft, (await StoryOfAsync(site, "13")).Articles.Single().Status);

            // The old addresses answer 301 to an article with the same headline (another test may have imported the fixture first).
            foreach (var old in new[] { "/2026/10/island-ferry-adds-a-dawn-crossing/", "/en/2026/10/island-ferry-adds-a-dawn-crossing/", "/?p=6" })
            {
                using var moved = await reader.GetAsync(new Uri(old, UriKind.Relative));
                Assert.True(moved.StatusCode == System.Net.HttpStatusCode.MovedPermanently, $"{old}: {moved.StatusCode}");
                var target = await reader.GetDocumentAsync(moved.Headers.Location!.OriginalString);
                Assert.Equal("Island ferry adds a dawn crossing", target.QuerySelector("main h1")!.TextContent);
            }

            using (var draft = await reader.GetAsync(new Uri("/?p=12", UriKind.Relative)))
            {
                Assert.NotEqual(System.Net.HttpStatusCode.MovedPermanently, draft.StatusCode);
            }

            // The staff area lists the run with its report, in the editor's language.
            using (var editor = await StaffSession.SignInAsync(app, Gaceta.Staff.StaffRoles.Editor, "es"))
            {
                var runs = await editor.Client.GetDocumentAsync("/admin/imports");
                var link = runs.QuerySelectorAll("table a").First(a => a.TextContent == Path.GetFileName(file));
                Assert.Equal("Importaciones", runs.QuerySelector("h1")!.TextContent);
                var run = await editor.Client.GetDocumentAsync(link.GetAttribute("href")!);
                Assert.Contains("8 creadas · 0 actualizadas · 0 sin cambios · 2 omitidas · 0 no válidas", run.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
                Assert.Contains("Shortcode removed: [gravityform", run.QuerySelector(".import-report")!.TextContent, StringComparison.Ordinal);
            }

            var again = await CliProcess.RunAsync(app, "import", "wordpress", file);
            Assert.Contains("0 created · 0 updated · 8 unchanged · 2 skipped · 0 invalid", again.Output, StringComparison.Ordinal);
            Assert.Equal(2, await app.WithDbAsync(db => db.Articles.CountAsync(a => a.StoryId == ferry.Id)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task WithTheUploadsFolder_FeaturedImagesLead_AndImagesInTheTextArePlacedAsLibraryPhotos()
    {
        var (file, site) = await ExportAsync();
        try
        {
            var uploads = Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "wordpress", "uploads");

            var result = await CliProcess.RunAsync(app, "import", "wordpress", file, "--uploads", uploads);

            Assert.True(result.ExitCode == 0, result.Output + result.Errors);
            var ferry = await StoryOfAsync(site, "6");
            var lead = await app.WithDbAsync(db => db.Set<Gaceta.Media.MediaItem>().Include(m => m.Texts).SingleAsync(m => m.Id == ferry.LeadMediaId));
            Assert.Equal("ferry-at-dawn.png", lead.FileName);
            Assert.Equal("The island ferry leaving the harbour at dawn", lead.TextIn("en")!.Alt);
            Assert.Equal("The island ferry leaving the harbour at dawn", lead.TextIn("es")!.Alt);
            var english = ferry.Articles.Single(a => a.Language == "en");
            var placed = ArticleBodyRenderer.EmbedsIn(english.Body).Single(e => e.Kind == Embed.Photo);
            Assert.Equal("seagrass.png", await app.WithDbAsync(db => db.Set<Gaceta.Media.MediaItem>().Where(m => m.Id == placed.PhotoId).Select(m => m.FileName).SingleAsync()));

            var page = await app.CreateReader().GetDocumentAsync(ArticlePaths.Article("en", english.PublishedAt!.Value, english.Slug));
            Assert.Equal("The island ferry leaving the harbour at dawn", page.QuerySelector(".lead-figure picture img")!.GetAttribute("alt"));
            Assert.Equal("Seagrass meadow under clear water", page.QuerySelector(".article-body .body-figure picture img")!.GetAttribute("alt"));
            Assert.Contains("The meadow the new route avoids.", page.QuerySelector(".body-figure figcaption")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task WithFetchMedia_PhotosComeOverHttpFromTheExportingSite_AndNeverFromAnotherHost()
    {
        var uploads = Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "wordpress", "uploads");
        var port = FreePorts.Next();
        using var server = new System.Net.HttpListener { Prefixes = { $"http://127.0.0.1:{port}/" } };
        server.Start();
        var asked = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var serving = Task.Run(async () =>
        {
            while (server.IsListening)
            {
                System.Net.HttpListenerContext context;
                try
                {
                    context = await server.GetContextAsync();
                }
                catch (Exception e) when (e is System.Net.HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                var path = context.Request.Url!.AbsolutePath;
                asked.Enqueue(path);
                var file = Path.Combine(uploads, path.Replace("/wp-content/uploads/", string.Empty, StringComparison.Ordinal));
                if (path.StartsWith("/wp-content/uploads/", StringComparison.Ordinal) && File.Exists(file))
                {
                    context.Response.ContentType = "image/png";
                    await context.Response.OutputStream.WriteAsync(await File.ReadAllBytesAsync(file));
                }
                else
                {
                    context.Response.StatusCode = 404;
                }

                context.Response.Close();
            }
        });
        var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "wordpress", "polylang-export.xml"));
        var file = Path.Combine(Path.GetTempPath(), $"gaceta-wxr-{Guid.NewGuid():N}.xml");
        // The photo in the text points at another host (as a hostile export might): it is not fetched.
        xml = xml.Replace("<img src=\"http://wp.gaceta.test/wp-content/uploads/2026/10/seagrass.png\"", "<img src=\"http://169.254.169.254/wp-content/uploads/2026/10/seagrass.png\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, xml.Replace(FixtureHost, $"127.0.0.1:{port}", StringComparison.Ordinal));
        try
        {
            var result = await CliProcess.RunAsync(app, "import", "wordpress", file, "--fetch-media");

            Assert.True(result.ExitCode == 0, result.Output + result.Errors);
            Assert.Contains("Photo not fetched: it is not on the exporting site (127.0.0.1): http://169.254.169.254/", result.Output, StringComparison.Ordinal);
            var ferry = await StoryOfAsync($"http://127.0.0.1:{port}", "6");
            var lead = await app.WithDbAsync(db => db.Set<Gaceta.Media.MediaItem>().Include(m => m.Texts).SingleAsync(m => m.Id == ferry.LeadMediaId));
            Assert.Equal("The island ferry leaving the harbour at dawn", lead.TextIn("en")!.Alt);
            Assert.Contains("/wp-content/uploads/2026/10/ferry-at-dawn.png", asked);
            Assert.DoesNotContain(ArticleBodyRenderer.EmbedsIn(ferry.Articles.Single(a => a.Language == "en").Body), e => e.Kind == Embed.Photo);
        }
        finally
        {
            server.Stop();
            await serving;
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AnExportInWxr11_ReadsAsTheSameSite()
    {
        var (file, site) = await ExportAsync();
        try
        {
            // WordPress 3.1 to 3.5 wrote WXR 1.1: the same elements under the 1.1 namespaces.
            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file))
                .Replace("http://wordpress.org/export/1.2/", "http://wordpress.org/export/1.1/", StringComparison.Ordinal)
                .Replace("<wp:wxr_version>1.2</wp:wxr_version>", "<wp:wxr_version>1.1</wp:wxr_version>", StringComparison.Ordinal));

            var report = await ImportAsync(file);

            Assert.Equal((8, 2, 0), (report.Count(ImportOutcome.Created), report.Count(ImportOutcome.Skipped), report.Count(ImportOutcome.Invalid)));
            Assert.Equal(["en", "es"], (await StoryOfAsync(site, "6")).Articles.Select(a => a.Language).Order().ToList());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task APostChangedInWordPress_UpdatesItsArticle_UnlessTheNewsroomEditedItHereSince()
    {
        var (file, site) = await ExportAsync();
        try
        {
            await ImportAsync(file);
            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("14 to 11", "15 to 10", StringComparison.Ordinal));

            var changed = await ImportAsync(file);

            Assert.Equal(ImportOutcome.Updated, changed.Entries.Single(e => e.Source == "post 8").Outcome);
            Assert.Equal(7, changed.Count(ImportOutcome.Unchanged));
            var budget = await StoryOfAsync(site, "8");
            Assert.Contains("**15 to 10**", budget.Articles.Single(a => a.Language == "en").Body, StringComparison.Ordinal);

            // The desk edits it here; WordPress changes it again: the desk's version stays.
            var current = await app.SendAsync<ReadStoryEditor.Handler, ReadStoryEditor.Model?>(h => h.HandleAsync(new ReadStoryEditor.Query(budget.Id, "en", StoryFactory.Desk), CancellationToken.None));
            var edited = await app.SendAsync<EditStory.Handler, EditStory.Result>(h => h.HandleAsync(
                new EditStory.Command(budget.Id, "en", current!.StoryVersion, current.ArticleVersion, current.Story, current.Article with { Headline = "Harbour budget passes after a long night" }, EditStory.Intent.Save, null, StoryFactory.Desk),
                CancellationToken.None));
            Assert.Equal(EditStory.Outcome.Saved, edited.Outcome);
            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("15 to 10", "16 to 9", StringComparison.Ordinal));

            var third = await ImportAsync(file);

            var entry = third.Entries.Single(e => e.Source == "post 8");
            Assert.Equal(ImportOutcome.Skipped, entry.Outcome);
            Assert.Contains("Edited here since the last import", entry.Notes.Single(), StringComparison.Ordinal);
            Assert.Equal("Harbour budget passes after a long night", (await StoryOfAsync(site, "8")).Articles.Single(a => a.Language == "en").Headline);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ADryRun_ReportsWhatWouldHappen_AndWritesNothing()
    {
        var (file, site) = await ExportAsync();
        try
        {
            var before = await app.WithDbAsync(db => db.Stories.CountAsync());
            var sections = await app.WithDbAsync(db => db.Sections.CountAsync());
            var authors = await app.WithDbAsync(db => db.Authors.CountAsync());
            await using var export = File.OpenRead(file);

            var report = await app.SendAsync<ImportWordPress.Handler, ImportReport>(h => h.HandleAsync(new ImportWordPress.Command(export, DryRun: true, StoryFactory.Desk), CancellationToken.None));

            Assert.Equal(8, report.Count(ImportOutcome.Created));
            Assert.EndsWith("(dry run: nothing was written)", report.Summary(), StringComparison.Ordinal);
            Assert.Equal(before, await app.WithDbAsync(db => db.Stories.CountAsync()));
            Assert.Equal((sections, authors), (await app.WithDbAsync(db => db.Sections.CountAsync()), await app.WithDbAsync(db => db.Authors.CountAsync())));
            Assert.False(await app.WithDbAsync(db => db.ImportedItems.AnyAsync(i => i.Site == site)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("truncated", "cut short")]
    [InlineData("rss", "not a WordPress export")]
    [InlineData("binary", "not a WordPress export")]
    public async Task AFileThatIsNotAWholeExport_GetsOneClearError(string kind, string message)
    {
        var (file, _) = await ExportAsync();
        try
        {
            var xml = await File.ReadAllTextAsync(file);
            switch (kind)
            {
                case "truncated":
                    await File.WriteAllTextAsync(file, xml[..(xml.IndexOf("council-approves-the-harbour-budget", StringComparison.Ordinal) + 10)]);
                    break;
                case "rss":
                    await File.WriteAllTextAsync(file, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>A feed</title><link>https://example.org</link><item><title>x</title></item></channel></rss>");
                    break;
                default:
                    await File.WriteAllBytesAsync(file, await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "wordpress", "uploads", "2026", "10", "seagrass.png")));
                    break;
            }

            var result = await CliProcess.RunAsync(app, "import", "wordpress", file);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(message, result.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The fixture as a site of its own, so each test's posts are new to the database.</summary>
    private static async Task<(string File, string Site)> ExportAsync()
    {
        var host = $"wp-{Guid.NewGuid():N}.gaceta.test";
        var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "wordpress", "polylang-export.xml"));
        var file = Path.Combine(Path.GetTempPath(), $"gaceta-wxr-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(file, xml.Replace(FixtureHost, host, StringComparison.Ordinal));
        return (file, "http://" + host);
    }

    private async Task<ImportReport> ImportAsync(string file)
    {
        await using var export = File.OpenRead(file);
        return await app.SendAsync<ImportWordPress.Handler, ImportReport>(h => h.HandleAsync(new ImportWordPress.Command(export, DryRun: false, StoryFactory.Desk), CancellationToken.None));
    }

    private Task<Story> StoryOfAsync(string site, string postId) =>
        app.WithDbAsync(db => db.Stories.Include(s => s.Articles).AsNoTracking()
            .SingleAsync(s => db.ImportedItems.Any(i => i.Site == site && i.ExternalId == postId && i.StoryId == s.Id)));
}

[Collection(SqliteHost.Name)]
public sealed class SqliteWordPressImportTests(SqliteApp app) : WordPressImportTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresWordPressImportTests(PostgresApp app) : WordPressImportTests(app);
