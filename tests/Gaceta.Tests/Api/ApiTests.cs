using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Api;

/// <summary>
/// The JSON API: anonymous reads with ETags and stable cursors, key-authorized writes, revoked keys refused,
/// problem details for bad input, and the OpenAPI document and reference page served.
/// </summary>
public abstract class ApiTests(GacetaApp app)
{
    [Fact]
    public async Task AnonymousReads_GiveWhatReadersSee_WithETagsAndAbsoluteAddresses()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var draft = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec> { ["en"] = new("Unseen draft", "No.", "No.") { Status = Gaceta.Articles.ArticleStatus.Draft } });
        using var client = app.CreateReader();

        using var response = await client.GetAsync($"/api/v1/stories/{story.StoryId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"Las grúas del puerto vuelven al trabajo\"", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var articles = json.RootElement.GetProperty("articles");
        Assert.Equal("Las grúas del puerto vuelven al trabajo", articles.GetProperty("es").GetProperty("headline").GetString());
        Assert.Equal($"{GacetaApp.PublicUrl}{story.PathIn("en")}", articles.GetProperty("en").GetProperty("url").GetString());
        Assert.Contains("Dock workers returned", articles.GetProperty("en").GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        Assert.Equal(story.AuthorName, articles.GetProperty("en").GetProperty("authors")[0].GetString());

        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        using (var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/stories/{story.StoryId}"))
        {
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        using var bySlug = await client.GetAsync($"/api/v1/articles/es/{articles.GetProperty("es").GetProperty("slug").GetString()}");
        Assert.Equal(HttpStatusCode.OK, bySlug.StatusCode);

        using var hidden = await client.GetAsync($"/api/v1/stories/{draft.StoryId}");
        await AssertProblemAsync(hidden, HttpStatusCode.NotFound);
        using var sections = await client.GetAsync("/api/v1/sections");
        using var sectionJson = JsonDocument.Parse(await sections.Content.ReadAsStringAsync());
        var mine = sectionJson.RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == story.SectionId);
        Assert.Equal(story.SectionNames["es"], mine.GetProperty("names").GetProperty("es").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Cursors_WalkEveryArticleOnce_EvenWhenOthersArePublishedMeanwhile()
    {
        for (var i = 0; i < 3; i++)
        {
            await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec> { ["es"] = new($"Nota de cursor {i} {Guid.NewGuid():N}"[..28], "Breve.", "Texto.") });
        }

        using var client = app.CreateReader();
        var seen = new List<string>();
        string? cursor = null;
        var first = true;
        do
        {
            using var page = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/articles/es?limit=2{(cursor is null ? string.Empty : $"&cursor={cursor}")}"));
            seen.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("url").GetString()!));
            cursor = page.RootElement.GetProperty("next").GetString();
            if (first)
            {
                // A story published after the first page was read does not shift the pages that follow.
                await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec> { ["es"] = new("Llega tarde al listado", "Tarde.", "Texto.") });
                first = false;
            }
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        var total = await app.WithDbAsync(db => db.Articles.CountAsync(a => a.Language == "es" && a.Status == Gaceta.Articles.ArticleStatus.Published && a.PublishedAt <= app.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(total - 1, seen.Count);
    }

    [Theory]
    [InlineData("/api/v1/articles/es?cursor=not-a-cursor", HttpStatusCode.BadRequest, "cursor")]
    [InlineData("/api/v1/articles/es?limit=0", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/api/v1/articles/es?limit=1000", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/api/v1/search/es", HttpStatusCode.BadRequest, "q")]
    [InlineData("/api/v1/articles/fr", HttpStatusCode.NotFound, null)]
    [InlineData("/api/v1/no-such-thing", HttpStatusCode.NotFound, null)]
    public async Task BadReads_AreAnsweredWithProblemDetails(string path, HttpStatusCode status, string? field)
    {
        using var response = await app.CreateReader().GetAsync(path);
        var problem = await AssertProblemAsync(response, status);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    [Fact]
    public async Task Search_FindsInTheLanguageAsked()
    {
        var marker = "zqapi" + new string(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + (c % 26))).ToArray());
        await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec> { ["es"] = new($"La política del muelle {marker}", "Debate.", "Texto.") });

        using var found = JsonDocument.Parse(await app.CreateReader().GetStringAsync($"/api/v1/search/es?q=politica+{marker}"));
        Assert.Single(found.RootElement.GetProperty("hits").EnumerateArray());
        using var english = JsonDocument.Parse(await app.CreateReader().GetStringAsync($"/api/v1/search/en?q={marker}"));
        Assert.Empty(english.RootElement.GetProperty("hits").EnumerateArray());
    }

    [Fact]
    public async Task AnUpdate_ChangesOnlyTheFieldsSent_AndAnEmptyTextClearsOne()
    {
        var section = await app.Stories.CreateBilingualAsync();
        using var admin = await StaffSession.SignInAsync(app, StaffRoles.Administrator);
        var key = await MakeKeyAsync(admin, "Partial robot", StaffRoles.Editor);
        int storyId;
        using (var created = await PostJsonAsync(key, "/api/v1/stories", new
        {
            language = "en",
            sectionId = section.SectionId,
            authorIds = new[] { section.AuthorId },
            headline = $"Cranes at dawn {Guid.NewGuid():N}"[..28],
            standfirst = "The first light at the quay.",
            body = "Three cranes moved before six.",
            wireCredit = "Harbour Press",
            imageUrl = "https://images.example.org/cranes.jpg",
            imageCredit = "Photo: L. Mar",
            imageAlt = "Three cranes against a pale sky",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var saved = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            storyId = saved.RootElement.GetProperty("storyId").GetInt32();
        }

        using (var changed = await PutJsonAsync(key, $"/api/v1/stories/{storyId}/articles/en", new { storyVersion = 0, articleVersion = 1, standfirst = "First light at the quay, and the first ship." }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        var after = await app.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => a.StoryId == storyId && a.Language == "en")
            .Select(a => new { a.Headline, a.Standfirst, a.Body, a.LeadImageAlt, a.Story.WireCredit, a.Story.LeadImage, a.Story.SectionId, Authors = a.Story.Authors.Select(x => x.AuthorId).ToList(), a.Version, StoryVersion = a.Story.Version })
            .SingleAsync());
        Assert.Equal("First light at the quay, and the first ship.", after.Standfirst);
        Assert.StartsWith("Cranes at dawn", after.Headline, StringComparison.Ordinal);
        Assert.Equal("Three cranes moved before six.", after.Body);
        Assert.Equal("Three cranes against a pale sky", after.LeadImageAlt);
        Assert.Equal("https://images.example.org/cranes.jpg", after.LeadImage?.Url);
        Assert.Equal("Photo: L. Mar", after.LeadImage?.Credit);
        Assert.Equal("Harbour Press", after.WireCredit);
        Assert.Equal(section.SectionId, after.SectionId);
        Assert.Equal([section.AuthorId], after.Authors);

        using (var cleared = await PutJsonAsync(key, $"/api/v1/stories/{storyId}/articles/en", new { storyVersion = after.StoryVersion, articleVersion = after.Version, wireCredit = string.Empty }))
        {
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        }

        Assert.Null(await app.WithDbAsync(db => db.Stories.Where(s => s.Id == storyId).Select(s => s.WireCredit).SingleAsync()));
        using var document = JsonDocument.Parse(await app.CreateReader().GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative)));
        var description = document.RootElement.GetProperty("paths").GetProperty("/api/v1/stories/{id}/articles/{lang}").GetProperty("put").GetProperty("description").GetString();
        Assert.Contains("Only the fields sent change", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlugAnotherStoryHas_IsRefused_WhileAStoryKeepsItsOwn()
    {
        var section = await app.Stories.CreateBilingualAsync();
        using var admin = await StaffSession.SignInAsync(app, StaffRoles.Administrator);
        var key = await MakeKeyAsync(admin, "Slug robot", StaffRoles.Editor);
        var slugs = new List<string>();
        var ids = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            using var created = await PostJsonAsync(key, "/api/v1/stories", new { language = "es", sectionId = section.SectionId, authorIds = new[] { section.AuthorId }, headline = $"Grúas {i} {Guid.NewGuid():N}"[..30], standfirst = "Puerto.", body = "Texto." });
            using var saved = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            var id = saved.RootElement.GetProperty("storyId").GetInt32();
            ids.Add(id);
            slugs.Add(await app.WithDbAsync(db => db.Articles.Where(a => a.StoryId == id).Select(a => a.Slug).SingleAsync()));
        }

        using (var own = await PutJsonAsync(key, $"/api/v1/stories/{ids[1]}/articles/es", new { storyVersion = 0, articleVersion = 1, slug = slugs[1] }))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        using var taken = await PutJsonAsync(key, $"/api/v1/stories/{ids[1]}/articles/es", new { storyVersion = 0, articleVersion = 2, slug = slugs[0] });
        var problem = await AssertProblemAsync(taken, HttpStatusCode.BadRequest);
        Assert.Equal("Another article in this language already uses this address.", problem.GetProperty("errors").GetProperty("slug")[0].GetString());
    }

    [Fact]
    public async Task Writes_NeedAKeyWithTheRightRole_AndARevokedKeyIsRefused()
    {
        var section = await app.Stories.CreateBilingualAsync();
        var authorId = section.AuthorId;
        using var admin = await StaffSession.SignInAsync(app, StaffRoles.Administrator);
        var reporterKey = await MakeKeyAsync(admin, "Wire robot", StaffRoles.Reporter);
        var editorKey = await MakeKeyAsync(admin, "Desk robot", StaffRoles.Editor);
        var headline = $"Robots file a story {Guid.NewGuid():N}"[..30];
        object Story(bool publish) => new { language = "en", sectionId = section.SectionId, authorIds = new[] { authorId }, headline, standfirst = "A machine wrote this.", body = "Written through the API.", publish };

        using (var anonymous = await PostJsonAsync(null, "/api/v1/stories", Story(false)))
        {
            await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        }

        using (var forged = await PostJsonAsync("gk_1_not-the-secret", "/api/v1/stories", Story(false)))
        {
            await AssertProblemAsync(forged, HttpStatusCode.Unauthorized);
        }

        using (var publishing = await PostJsonAsync(reporterKey, "/api/v1/stories", Story(true)))
        {
            await AssertProblemAsync(publishing, HttpStatusCode.Forbidden);
        }

        using (var invalid = await PostJsonAsync(reporterKey, "/api/v1/stories", new { language = "en", sectionId = section.SectionId, headline = string.Empty, standfirst = "x", body = "y" }))
        {
            var problem = await AssertProblemAsync(invalid, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("headline", out _), problem.ToString());
        }

        using (var malformed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stories") { Content = new StringContent("{ not json", Encoding.UTF8, "application/json") })
        {
            malformed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", reporterKey);
            using var response = await app.CreateReader().SendAsync(malformed);
            await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }

        int storyId;
        using (var drafted = await PostJsonAsync(reporterKey, "/api/v1/stories", Story(false)))
        {
            Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
            using var saved = JsonDocument.Parse(await drafted.Content.ReadAsStringAsync());
            Assert.Equal("Draft", saved.RootElement.GetProperty("status").GetString());
            storyId = saved.RootElement.GetProperty("storyId").GetInt32();
            Assert.Equal($"/api/v1/stories/{storyId}", drafted.Headers.Location?.OriginalString);
        }

        using (var notPublic = await app.CreateReader().GetAsync($"/api/v1/stories/{storyId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notPublic.StatusCode);
        }

        // An editor's key publishes; a change made from an old version is refused.
        var change = new { storyVersion = 0, articleVersion = 1, sectionId = section.SectionId, authorIds = new[] { authorId }, headline, standfirst = "Checked by a person.", body = "Written through the API.", publish = true };
        using (var published = await PutJsonAsync(editorKey, $"/api/v1/stories/{storyId}/articles/en", change))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            using var saved = JsonDocument.Parse(await published.Content.ReadAsStringAsync());
            Assert.Equal("Published", saved.RootElement.GetProperty("status").GetString());
        }

        using (var stale = await PutJsonAsync(editorKey, $"/api/v1/stories/{storyId}/articles/en", change))
        {
            await AssertProblemAsync(stale, HttpStatusCode.Conflict);
        }

        using (var visible = await app.CreateReader().GetAsync($"/api/v1/stories/{storyId}"))
        {
            Assert.Equal(HttpStatusCode.OK, visible.StatusCode);
        }

        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActorName == "API key “Desk robot”" && e.Subject.StartsWith($"story {storyId} "))));

        // Revoked from the staff area: refused at the next request.
        var keyId = await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == "Wire robot").OrderByDescending(k => k.Id).Select(k => k.Id).FirstAsync());
        using (var revoke = await admin.PostAsync("/admin/keys", [new("id", keyId.ToString(System.Globalization.CultureInfo.InvariantCulture))], "/admin/keys?handler=Revoke"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        }

        using var refused = await PostJsonAsync(reporterKey, "/api/v1/stories", Story(false));
        await AssertProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(reporterKey[(reporterKey.IndexOf('_', ApiKeysPrefixLength) + 1)..], string.Join('\n', await app.WithDbAsync(db => db.ApiKeys.Select(k => k.SecretHash).ToListAsync())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocument_AndItsReferencePage_AreServed()
    {
        using var client = app.CreateReader();
        using var document = await client.GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", json.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/articles/{lang}", paths);
        Assert.Contains("/api/v1/stories", paths);
        Assert.Contains("/api/v1/search/{lang}", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/admin", StringComparison.Ordinal));
        Assert.True(json.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));

        using var redirect = await client.GetAsync("/api/v1/reference");
        var location = redirect.StatusCode == HttpStatusCode.OK ? redirect.RequestMessage!.RequestUri! : new Uri(redirect.RequestMessage!.RequestUri!, redirect.Headers.Location!);
        using var reference = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
        // The reference page runs its own scripts; its policy allows them there and nowhere else.
        Assert.Contains("'unsafe-inline'", reference.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", document.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    /// <summary>Keys read gk_{id}_{secret}; the secret itself may contain underscores.</summary>
    private const int ApiKeysPrefixLength = 3;

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        return json.RootElement.Clone();
    }

    private static async Task<string> MakeKeyAsync(StaffSession admin, string name, string role)
    {
        using var response = await admin.PostAsync("/admin/keys", [new("name", name), new("role", role)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("code.password")!.TextContent.Trim();
    }

    private Task<HttpResponseMessage> PostJsonAsync(string? key, string path, object body) => SendJsonAsync(HttpMethod.Post, key, path, body);

    private Task<HttpResponseMessage> PutJsonAsync(string? key, string path, object body) => SendJsonAsync(HttpMethod.Put, key, path, body);

    private async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string? key, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await app.CreateReader().SendAsync(request);
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteApiTests(SqliteApp app) : ApiTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresApiTests(PostgresApp app) : ApiTests(app);
