using System.Net;
using System.Net.Http.Json;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Staff;

/// <summary>
/// Walks every staff route as anonymous, Reporter, Translator, Editor and Administrator. A staff route missing from
/// <see cref="Matrix"/> fails the test: whoever adds one decides here who may use it.
/// </summary>
[Collection(SqliteHost.Name)]
public sealed class StaffAccessTests(SqliteApp app)
{
    private static readonly string[] Everyone = [StaffRoles.Administrator, StaffRoles.Editor, StaffRoles.Reporter, StaffRoles.Translator];
    private static readonly string[] Writers = [StaffRoles.Administrator, StaffRoles.Editor, StaffRoles.Reporter];
    private static readonly string[] Publishers = [StaffRoles.Administrator, StaffRoles.Editor];
    private static readonly string[] Administrators = [StaffRoles.Administrator];

    /// <summary>Route pattern → the roles allowed (null: anyone, signed in or not).</summary>
    private static readonly Dictionary<string, string[]?> Matrix = new(StringComparer.Ordinal)
    {
        ["admin/sign-in"] = null,
        ["admin"] = Everyone,
        ["admin/sign-out"] = Everyone,
        ["admin/language"] = Everyone,
        ["admin/account/password"] = Everyone,
        ["admin/account/two-factor"] = Everyone,
        ["admin/sign-in/code"] = null,
        ["admin/stories"] = Everyone,
        ["admin/stories/new"] = Writers,
        ["admin/stories/{id:int}/{lang:lang}"] = Everyone,
        ["admin/stories/{id:int}/{lang:lang}/revisions"] = Everyone,
        ["admin/media"] = Writers,
        ["admin/media/{id:int}"] = Writers,
        ["admin/polls"] = Publishers,
        ["admin/redirects"] = Publishers,
        ["admin/imports"] = Publishers,
        ["admin/imports/{id:int}"] = Publishers,
        ["admin/polls/edit/{id:int?}"] = Publishers,
        ["admin/polls/{id:int}/results"] = Publishers,
        ["admin/polls/{id:int}/votes.csv"] = Publishers,
        ["admin/subscribers"] = Publishers,
        ["admin/subscribers/import"] = Publishers,
        ["admin/subscribers/{id:int}"] = Publishers,
        ["admin/editions"] = Publishers,
        ["admin/editions/edit/{id:int?}"] = Publishers,
        ["admin/editions/{id:int}"] = Publishers,
        ["admin/editions/{id:int}/preview/{lang:lang}"] = Publishers,
        ["admin/staff"] = Administrators,
        ["admin/audit"] = Administrators,
        ["admin/keys"] = Administrators,
        ["admin/api/slug"] = Everyone,
        ["admin/api/preview"] = Everyone,
    };

    [Fact]
    public void EveryStaffRoute_IsInTheMatrix()
    {
        var routes = StaffRoutes();
        Assert.Empty(routes.Except(Matrix.Keys));
        Assert.Empty(Matrix.Keys.Except(routes));
    }

    [Fact]
    public async Task EveryStaffRoute_AllowsAndDeniesAsTheMatrixSays()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var poll = await app.Polls.CreateAsync();
        var subscriberEmail = $"matrix-{Guid.NewGuid():N}@example.org";
        (await app.CreateReader().PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0], email: subscriberEmail, newsletter: true))).Dispose();
        var subscriberId = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Subscribers.Where(s => s.Email == subscriberEmail).Select(s => s.Id)));
        var editionId = await app.WithDbAsync(async db =>
        {
            var edition = new Gaceta.Newsletters.Edition
            {
                NewsletterId = poll.NewsletterId!.Value,
                CreatedAt = DateTime.UtcNow,
                Texts = [new() { Language = "en", Subject = "Matrix", Intro = string.Empty }, new() { Language = "es", Subject = "Matriz", Intro = string.Empty }],
                Stories = [new() { StoryId = story.StoryId, Position = 0 }],
            };
            db.Editions.Add(edition);
            await db.SaveChangesAsync();
            return edition.Id;
        });
        var mediaId = await app.WithDbAsync(async db =>
        {
            // The page reads the item's details only; the bytes need not be a photo here.
            var item = new Gaceta.Media.MediaItem
            {
                Hash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                FileName = "matrix.jpg",
                Width = 10,
                Height = 10,
                CreatedAt = DateTime.UtcNow,
                Original = new Gaceta.Media.MediaOriginal { Bytes = [0xFF, 0xD8, 0xFF] },
            };
            db.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        });
        var importId = await app.WithDbAsync(async db =>
        {
            var run = new Gaceta.Importing.ImportRun { Source = "wordpress", FileName = "matrix.xml", ActorName = "Matrix", StartedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow, Report = string.Empty };
            db.Add(run);
            await db.SaveChangesAsync();
            return run.Id;
        });
        var sessions = new Dictionary<string, StaffSession>();
        foreach (var role in Everyone)
        {
            sessions[role] = await StaffSession.SignInAsync(app, role);
        }

        using var anonymous = StaffSession.NewBrowser(app);
        var failures = new List<string>();
        foreach (var (pattern, allowed) in Matrix)
        {
            var id = pattern.StartsWith("admin/polls", StringComparison.Ordinal) ? poll.PollId
                : pattern.StartsWith("admin/subscribers", StringComparison.Ordinal) ? subscriberId
                : pattern.StartsWith("admin/editions", StringComparison.Ordinal) ? editionId
                : pattern.StartsWith("admin/media", StringComparison.Ordinal) ? mediaId
                : pattern.StartsWith("admin/imports", StringComparison.Ordinal) ? importId
                : story.StoryId;
            var path = "/" + pattern.Replace("{id:int?}", "{id:int}", StringComparison.Ordinal)
                .Replace("{id:int}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{lang:lang}", "en", StringComparison.Ordinal);
            var isApi = pattern.StartsWith("admin/api", StringComparison.Ordinal);
            foreach (var (who, client) in sessions.Select(s => (s.Key, s.Value.Client)).Prepend(("anonymous", anonymous)))
            {
                var permitted = allowed is null || allowed.Contains(who);
                using var response = await RequestAsync(client, pattern, path);
                var status = (int)response.StatusCode;
                // The code step of signing in is open to all, but only after the password step: otherwise back to it.
                var expected = pattern == "admin/sign-in/code" ? "redirect to sign-in"
                    : permitted ? "allowed"
                    : who == "anonymous" ? (isApi ? "401" : "redirect to sign-in")
                    : "403";
                var ok = expected switch
                {
                    "allowed" => status is 200 or 302 && response.Headers.Location?.OriginalString.StartsWith("/admin/sign-in", StringComparison.Ordinal) != true,
                    "redirect to sign-in" => status == 302 && response.Headers.Location?.OriginalString.Contains("/admin/sign-in", StringComparison.Ordinal) == true,
                    _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture) == expected,
                };
                if (!ok)
                {
                    failures.Add($"{who} GET {path}: {status} {response.Headers.Location}, expected {expected}");
                }

                if (!isApi && !permitted && who != "anonymous")
                {
                    // Posting is refused before the form is even read: no antiforgery token is needed to be told no.
                    using var post = await client.PostAsync(path, new FormUrlEncodedContent([]));
                    if (post.StatusCode != HttpStatusCode.Forbidden)
                    {
                        failures.Add($"{who} POST {path}: {(int)post.StatusCode}, expected 403");
                    }
                }
            }
        }

        foreach (var session in sessions.Values)
        {
            session.Dispose();
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task StaffPages_AreNeverCached_AndCarryAntiforgeryTokens()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        foreach (var path in new[] { "/admin/stories", "/admin/stories/new", "/admin/sign-in" })
        {
            using var response = await editor.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path} is not no-store.");
            var page = Html.Parse(await response.Content.ReadAsStringAsync());
            foreach (var form in page.QuerySelectorAll("form[method=post]"))
            {
                Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
            }
        }
    }

    [Fact]
    public async Task ForbiddenPages_SayWhyInTheStaffMembersLanguage()
    {
        using var reporter = await StaffSession.SignInAsync(app, StaffRoles.Reporter, language: "es");
        using var response = await reporter.Client.GetAsync(new Uri("/admin/audit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("es", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("No permitido", page.QuerySelector("h1").Text());
    }

    [Fact]
    public async Task StaffApi_SuggestsUniqueSlugs_RendersPreviews_AndAnswersBadInputWithProblemDetails()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var taken = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Articles.Where(a => a.StoryId == story.StoryId && a.Language == "es").Select(a => a.Slug)));
        using var reporter = await StaffSession.SignInAsync(app, StaffRoles.Reporter);

        var fresh = await reporter.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/admin/api/slug?language=es&headline=" + Uri.EscapeDataString("¿Qué pasa en el Puerto?"));
        Assert.Equal("que-pasa-en-el-puerto", fresh.GetProperty("slug").GetString());
        var clash = await reporter.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/admin/api/slug?language=es&headline=" + Uri.EscapeDataString(taken.Replace('-', ' ')));
        Assert.Equal(taken + "-2", clash.GetProperty("slug").GetString());

        using var bad = await reporter.Client.GetAsync(new Uri("/admin/api/slug?language=fr", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        var problem = await bad.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("language", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("headline", out _));

        using var preview = await reporter.Client.PostAsJsonAsync("/admin/api/preview", new { markdown = "A **bold** line.\n\n{{poll:harbour}}\n\n<script>alert(1)</script>" });
        var html = (await preview.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("html").GetString()!;
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("{{poll:harbour}}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AStaffMember_ChoosesTheStaffAreasLanguage()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        Assert.Equal("en", (await editor.Client.GetDocumentAsync("/admin/stories")).DocumentElement.GetAttribute("lang"));

        using var changed = await editor.PostAsync("/admin/stories", [new("language", "es"), new("returnUrl", "/admin/stories")], "/admin/language");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var page = await editor.Client.GetDocumentAsync("/admin/stories");
        Assert.Equal("es", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Noticias", page.QuerySelector("h1").Text());
    }

    [Fact]
    public async Task TheAuditLog_ShowsWhoDidWhat()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        var section = await app.Stories.CreateBilingualAsync();
        var headline = $"Audit trail {Guid.NewGuid():N}"[..24];
        using var created = await editor.PostAsync("/admin/stories/new", Articles.StoryEditorTests.StoryFields(section.SectionId, headline, "Publish"), "/admin/stories/new?lang=en");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        using var admin = await StaffSession.SignInAsync(app, StaffRoles.Administrator);
        var rows = (await admin.Client.GetDocumentAsync("/admin/audit")).QuerySelectorAll("tbody tr").Select(r => r.Text()).ToList();
        Assert.Contains(rows, r => r.Contains("article-published", StringComparison.Ordinal) && r.Contains(headline, StringComparison.Ordinal) && r.Contains("Editor editor-", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("signed-in", StringComparison.Ordinal) && r.Contains(editor.Email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostingWithoutAnAntiforgeryToken_IsRefused()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        using var response = await editor.Client.PostFormAsync("/admin/stories/new", [new("Input.Headline", "No token")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsTheSession()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        using var signedOut = await editor.PostAsync("/admin/sign-out", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        using var after = await editor.Client.GetAsync(new Uri("/admin/stories", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/admin/sign-in", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_SpeaksTheBrowsersLanguage_AndStaffPagesTheStaffMembers()
    {
        using var browser = StaffSession.NewBrowser(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/sign-in");
        request.Headers.AcceptLanguage.ParseAdd("es-ES");
        using var response = await browser.SendAsync(request);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("es", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Iniciar sesión", page.Body!.TextContent, StringComparison.Ordinal);

        using var spanishEditor = await StaffSession.SignInAsync(app, StaffRoles.Editor, language: "es");
        var stories = await spanishEditor.Client.GetDocumentAsync("/admin/stories");
        Assert.Equal("es", stories.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Noticias", stories.QuerySelector("h1").Text());
    }

    private static async Task<HttpResponseMessage> RequestAsync(HttpClient client, string pattern, string path) => pattern switch
    {
        "admin/api/preview" => await client.PostAsJsonAsync(path, new { markdown = "Hello **world**" }),
        "admin/api/slug" => await client.GetAsync(new Uri(path + "?language=en&headline=Harbour+news", UriKind.Relative)),
        _ => await client.GetAsync(new Uri(path, UriKind.Relative)),
    };

    private List<string> StaffRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText?.TrimStart('/') ?? string.Empty)
            .Where(p => p.StartsWith("admin", StringComparison.OrdinalIgnoreCase))
            .Distinct()
            .ToList();
}
