using System.Net;
using System.Text.RegularExpressions;
using Gaceta.Articles;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Importing;

/// <summary>
/// A Ghost export and members export written by Ghost 5.130 itself (Fixtures/ghost/make-export.js, through
/// Ghost's admin API), imported through the command line and read back through the reader pages.
/// </summary>
public abstract partial class GhostImportTests(GacetaApp app)
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "ghost");

    [Fact]
    public async Task AnExport_BecomesStories_WithPhotosAuthorsAndOldAddresses_AndASecondRunChangesNothing()
    {
        var (file, ids) = await ExportAsync();
        try
        {
            var first = await CliProcess.RunAsync(app, "import", "ghost", file, "--images", Path.Combine(Fixtures, "images"));

            Assert.True(first.ExitCode == 0, first.Output + first.Errors);
            Assert.Contains("6 created · 0 updated · 0 unchanged · 0 skipped · 0 invalid", first.Output, StringComparison.Ordinal);
            Assert.Contains("1 page(s): Gaceta has no pages", first.Output, StringComparison.Ordinal);
            Assert.Contains("2 tag(s) after a post's primary tag", first.Output, StringComparison.Ordinal);
            Assert.Contains("For Ghost's members only (members): imported as a draft", first.Output, StringComparison.Ordinal);
            Assert.Contains("Embedded iframe kept as a link: https://www.youtube.com/embed/abc123", first.Output, StringComparison.Ordinal);

            var ferry = await StoryOfAsync(ids["night-ferry-returns"]);
            var article = ferry.Articles.Single();
            Assert.Equal(("en", ArticleStatus.Published), (article.Language, article.Status));
            Assert.Equal(new DateTime(2026, 10, 5, 7, 30, 0, DateTimeKind.Utc), article.PublishedAt);
            Assert.Equal("After two years without it, the late crossing is back on the timetable.", article.Standfirst);
            var section = await app.WithDbAsync(db => db.Sections.Include(s => s.Names).SingleAsync(s => s.Id == ferry.SectionId));
            Assert.Equal(("Harbour", "harbour"), (section.NameIn("en")!.Name, section.NameIn("en")!.Slug));
            var author = await app.WithDbAsync(db => db.Stories.Where(s => s.Id == ferry.Id).SelectMany(s => s.Authors).Select(a => a.Author).SingleAsync());
            Assert.Equal("Marta Quiroga", author.Name);
            Assert.Equal("Covers the port, the ferries and the people who work the harbour.", author.BioIn("en"));
            var lead = await app.WithDbAsync(db => db.Set<Gaceta.Media.MediaItem>().Include(m => m.Texts).SingleAsync(m => m.Id == ferry.LeadMediaId));
            Assert.Equal(("The ferry leaving the harbour at dawn", "The first crossing of the season."), (lead.TextIn("en")!.Alt, lead.TextIn("en")!.Caption));

            var reader = app.CreateReader();
            var page = await reader.GetDocumentAsync(ArticlePaths.Article("en", article.PublishedAt!.Value, article.Slug));
            Assert.Equal("Night ferry returns to the island route", page.QuerySelector("main h1")!.TextContent);
            Assert.Equal("The ferry leaving the harbour at dawn", page.QuerySelector(".lead-figure picture img")!.GetAttribute("alt"));
            var body = page.QuerySelector(".article-body")!;
            Assert.Equal("late crossing", body.QuerySelector("strong")!.TextContent);
            Assert.Equal("Seagrass under the pier", body.QuerySelector(".body-figure picture img")!.GetAttribute("alt"));
            Assert.Contains("Seagrass beds under the new ramp.", body.QuerySelector(".body-figure figcaption")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(body.QuerySelector("a[href='https://www.youtube.com/embed/abc123']"));
            Assert.DoesNotContain("__GHOST_URL__", body.InnerHtml, StringComparison.Ordinal);
            Assert.Null(body.QuerySelector("iframe, script"));

            // A link to another post of the old site, and the post's own old address, lead to the imported articles.
            var internalLink = body.QuerySelector("a[href$='/council-approves-harbour-budget/']")!.GetAttribute("href")!;
            Assert.Equal("/council-approves-harbour-budget/", internalLink);
            foreach (var (old, headline) in new[] { (internalLink, "Council approves the harbour budget after a long night"), ("/night-ferry-returns/", "Night ferry returns to the island route") })
            {
                using var moved = await reader.GetAsync(new Uri(old, UriKind.Relative));
                Assert.True(moved.StatusCode == HttpStatusCode.MovedPermanently, $"{old}: {moved.StatusCode}");
                var target = await reader.GetDocumentAsync(moved.Headers.Location!.OriginalString);
                Assert.Equal(headline, target.QuerySelector("main h1")!.TextContent);
            }

            // An internal tag names the post's language; members-only posts and drafts wait as drafts; scheduled stays scheduled.
            var habaneras = (await StoryOfAsync(ids["festival-habaneras-vuelve"])).Articles.Single();
            Assert.Equal(("es", ArticleStatus.Published), (habaneras.Language, habaneras.Status));
            var spanish = await reader.GetDocumentAsync(ArticlePaths.Article("es", habaneras.PublishedAt!.Value, habaneras.Slug));
            Assert.Equal("frente al mar", spanish.QuerySelector(".article-body em")!.TextContent);
            Assert.Equal(ArticleStatus.Draft, (await StoryOfAsync(ids["dredging-contract-in-full"])).Articles.Single().Status);
            Assert.Equal(ArticleStatus.Draft, (await StoryOfAsync(ids["lighthouse-keepers"])).Articles.Single().Status);
            var regatta = (await StoryOfAsync(ids["regatta-week-opens"])).Articles.Single();
            Assert.Equal((ArticleStatus.Scheduled, new DateTime(2031, 6, 1, 8, 0, 0, DateTimeKind.Utc)), (regatta.Status, regatta.PublishedAt!.Value));

            var again = await CliProcess.RunAsync(app, "import", "ghost", file, "--images", Path.Combine(Fixtures, "images"));
            Assert.Contains("0 created · 0 updated · 6 unchanged · 0 skipped · 0 invalid", again.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Members_JoinTheNewsletterUnproven_AreMailedOnlyWhenAsked_AndUnsubscribedOnesNever()
    {
        var (file, _) = await ExportAsync();
        var (members, domain) = await MembersAsync();
        var newsletter = await MailchimpImportTests.NewsletterAsync(app);
        try
        {
            var first = await CliProcess.RunAsync(app, "import", "ghost", file, "--members", members, "--newsletter", newsletter);

            Assert.True(first.ExitCode == 0 && first.Output.Contains("3 created · 0 updated · 0 unchanged · 0 skipped · 0 invalid", StringComparison.Ordinal), first.Output + first.Errors);
            Assert.Contains("3 created · 0 updated · 0 unchanged · 0 skipped · 0 invalid", first.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("@", first.Output, StringComparison.Ordinal);
            var one = await SubscriptionAsync($"reader.one@{domain}");
            Assert.Equal(SubscriptionStatus.Pending, one.Status);
            // Ghost's mixed-case address is the same reader as its canonical spelling.
            Assert.Equal(SubscriptionStatus.Pending, (await SubscriptionAsync($"lector.dos@{domain}")).Status);
            Assert.Equal(SubscriptionStatus.Unsubscribed, (await SubscriptionAsync($"quiet.reader@{domain}")).Status);
            Assert.False(await app.WithDbAsync(db => db.OutboundMails.AnyAsync(m => m.Recipient.EndsWith(domain))));

            var asked = await CliProcess.RunAsync(app, "import", "ghost", file, "--members", members, "--newsletter", newsletter, "--confirm-unproven");

            Assert.Contains("0 created · 2 updated · 1 unchanged", asked.Output.Split('\n').Last(l => l.Contains("created", StringComparison.Ordinal)), StringComparison.Ordinal);
            await app.SendAsync<SendRequestedConfirmations.Handler, int>(h => h.HandleAsync(CancellationToken.None));
            var mailed = await app.WithDbAsync(db => db.OutboundMails.Where(m => m.Recipient.EndsWith(domain)).Select(m => m.Recipient).OrderBy(r => r).ToListAsync());
            Assert.Equal([$"lector.dos@{domain}", $"reader.one@{domain}"], mailed);

            // Editors see where each import came from, in their language.
            using var editor = await StaffSession.SignInAsync(app, Gaceta.Staff.StaffRoles.Editor, "es");
            var runs = await editor.Client.GetDocumentAsync("/admin/imports");
            var row = runs.QuerySelectorAll("table tbody tr").First(r => r.TextContent.Contains(Path.GetFileName(members), StringComparison.Ordinal));
            Assert.Contains("Miembros de Ghost", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Ghost", runs.QuerySelectorAll("table tbody tr").First(r => r.TextContent.Contains(Path.GetFileName(file), StringComparison.Ordinal)).QuerySelector(".hint")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
            File.Delete(members);
        }
    }

    [Theory]
    [InlineData("truncated", "not a whole Ghost export")]
    [InlineData("other", "not a Ghost export")]
    [InlineData("binary", "not a whole Ghost export")]
    public async Task AFileThatIsNotAWholeExport_GetsOneClearError_AndNothingIsWritten(string kind, string message)
    {
        var (file, ids) = await ExportAsync();
        try
        {
            var json = await File.ReadAllTextAsync(file);
            switch (kind)
            {
                case "truncated":
                    await File.WriteAllTextAsync(file, json[..(json.Length / 2)]);
                    break;
                case "other":
                    await File.WriteAllTextAsync(file, """{"posts":[{"title":"A feed, not an export"}]}""");
                    break;
                default:
                    await File.WriteAllBytesAsync(file, await File.ReadAllBytesAsync(Path.Combine(Fixtures, "images", "2026", "12", "seagrass-beds.png")));
                    break;
            }

            var result = await CliProcess.RunAsync(app, "import", "ghost", file);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(message, result.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
            Assert.False(await app.WithDbAsync(db => db.ImportedItems.AnyAsync(i => ids.Values.Contains(i.ExternalId))));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AHostileSlug_GetsNoOldAddress_AndTheArticleAnAddressOfItsOwn()
    {
        var (file, ids) = await ExportAsync();
        try
        {
            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("\"slug\": \"night-ferry-returns\"", "\"slug\": \"../admin/keys?x=<script>\"", StringComparison.Ordinal));

            var result = await CliProcess.RunAsync(app, "import", "ghost", file);

            Assert.True(result.ExitCode == 0, result.Output + result.Errors);
            var story = await StoryOfAsync(ids["night-ferry-returns"]);
            Assert.Matches("^[a-z0-9-]+$", story.Articles.Single().Slug);
            Assert.False(await app.WithDbAsync(db => db.Redirects.AnyAsync(r => r.StoryId == story.Id)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The fixture with new post ids, so each test's posts are new to the database; the ids by slug.</summary>
    private static async Task<(string File, Dictionary<string, string> Ids)> ExportAsync()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Fixtures, "ghost-export.json"));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var post in document.RootElement.GetProperty("db")[0].GetProperty("data").GetProperty("posts").EnumerateArray())
        {
            var id = Guid.NewGuid().ToString("N")[..24];
            json = json.Replace(post.GetProperty("id").GetString()!, id, StringComparison.Ordinal);
            ids[post.GetProperty("slug").GetString()!] = id;
        }

        var file = Path.Combine(Path.GetTempPath(), $"gaceta-ghost-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        return (file, ids);
    }

    /// <summary>The members fixture with addresses at a domain of its own.</summary>
    private static async Task<(string File, string Domain)> MembersAsync()
    {
        var domain = $"m{Guid.NewGuid():N}.example.org";
        var csv = ExampleDomain().Replace(await File.ReadAllTextAsync(Path.Combine(Fixtures, "members.csv")), "@" + domain);
        var file = Path.Combine(Path.GetTempPath(), $"gaceta-ghost-members-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv);
        return (file, domain);
    }

    [GeneratedRegex("@example\\.org", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExampleDomain();

    private Task<Subscription> SubscriptionAsync(string email) =>
        app.WithDbAsync(db => db.Subscribers.Where(s => s.Email == email).SelectMany(s => s.Subscriptions).Include(s => s.ConsentRecords).AsNoTracking().SingleAsync());

    private Task<Story> StoryOfAsync(string postId) =>
        app.WithDbAsync(db => db.Stories.Include(s => s.Articles).AsNoTracking()
            .SingleAsync(s => db.ImportedItems.Any(i => i.Source == "ghost" && i.ExternalId == postId && i.StoryId == s.Id)));
}

[Collection(SqliteHost.Name)]
public sealed class SqliteGhostImportTests(SqliteApp app) : GhostImportTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresGhostImportTests(PostgresApp app) : GhostImportTests(app);
