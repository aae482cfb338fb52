using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gaceta.Articles;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Gaceta.Web.Features.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Wire;

/// <summary>
/// Wire import of IPTC ninjs items written for these tests (1.x and 2.x forms): drafts with the agency's credit,
/// the same item twice changing nothing, a newer version rewriting its draft, invalid items reported one by one
/// and never half imported, from the API and from the command line; and articles exported as ninjs.
/// </summary>
public abstract class WireTests(GacetaApp app)
{
    [Fact]
    public async Task AValidItem_BecomesADraftWithItsCredit_AndItsTextCannotBecomeMarkup()
    {
        var run = Run();
        var result = await ImportAsync(Sample("harbour-press-v1.json", run));

        var item = Assert.Single(result.GetProperty("items").EnumerateArray());
        Assert.Equal("Created", item.GetProperty("outcome").GetString());
        var storyId = item.GetProperty("storyId").GetInt32();
        var story = await app.WithDbAsync(db => db.Stories.Include(s => s.Articles).SingleAsync(s => s.Id == storyId));
        Assert.Equal("Harbour Press Agency", story.WireCredit);
        var article = Assert.Single(story.Articles);
        Assert.Equal(("en", ArticleStatus.Draft), (article.Language, article.Status));
        Assert.Equal("Ferry crews vote to strike over winter rosters", article.Headline);
        Assert.Equal("Crews on the island routes will stop work for two days next week unless talks resume.", article.Standfirst);

        // The agency's brackets, braces and hashes stay text: no link, no embedded poll, no heading, no list.
        var renderer = app.Services.GetRequiredService<ArticleBodyRenderer>();
        var blocks = renderer.ToBlocks(article.Body);
        Assert.All(blocks, b => Assert.Null(b.Embed));
        var html = string.Concat(blocks.Select(b => b.Html));
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<li", html, StringComparison.Ordinal);
        Assert.Contains("{{poll:ferry-night}}", html, StringComparison.Ordinal);
        Assert.Contains("[Read the ballot](https://example.org/ballot)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameItemTwice_ChangesNothing_AndANewerVersionRewritesItsDraft()
    {
        var run = Run();
        var first = await ImportAsync(Sample("harbour-press-v1.json", run));
        var storyId = first.GetProperty("items")[0].GetProperty("storyId").GetInt32();
        var before = await ArticleAsync(storyId);

        var again = await ImportAsync(Sample("harbour-press-v1.json", run));
        Assert.Equal(1, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(before, await ArticleAsync(storyId));

        var newer = await ImportAsync(Sample("harbour-press-v2.json", run));
        var updated = newer.GetProperty("items")[0];
        Assert.Equal(("Updated", storyId), (updated.GetProperty("outcome").GetString(), updated.GetProperty("storyId").GetInt32()));
        var after = await ArticleAsync(storyId);
        Assert.Equal("Ferry strike called off after overnight talks", after.Headline);
        Assert.Equal(before.Slug, after.Slug);
        Assert.Equal(before.Version + 1, after.Version);

        // The older version arriving late changes nothing.
        var late = await ImportAsync(Sample("harbour-press-v1.json", run));
        Assert.Equal("Unchanged", late.GetProperty("items")[0].GetProperty("outcome").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.WireItems.CountAsync(w => w.Uri == $"urn:harbourpress:{run}:ferry-strike")));

        // Once the newsroom has published it, a newer version is left to them.
        await app.WithDbAsync(db => db.Articles.Where(a => a.StoryId == storyId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Published).SetProperty(a => a.PublishedAt, app.Clock.GetUtcNow().UtcDateTime)));
        var third = Sample("harbour-press-v2.json", run).Replace("\"version\": \"2\"", "\"version\": \"3\"", StringComparison.Ordinal);
        var skipped = await ImportAsync(third);
        Assert.Equal("Skipped", skipped.GetProperty("items")[0].GetProperty("outcome").GetString());
        Assert.Equal("Ferry strike called off after overnight talks", (await ArticleAsync(storyId)).Headline);
    }

    [Fact]
    public async Task ABatch_ReportsEachInvalidItem_AndImportsOnlyTheValidOnes()
    {
        var run = Run();
        await KeyAsync();
        var storiesBefore = await app.WithDbAsync(db => db.Stories.CountAsync());

        var result = await ImportAsync(Sample("mixed-batch.json", run));

        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(7, items.Count);
        Assert.Equal(
            ["Created", "Invalid", "Invalid", "Invalid", "Invalid", "Invalid", "Created"],
            items.Select(i => i.GetProperty("outcome").GetString()));
        Assert.Equal("request#2", items[1].GetProperty("source").GetString());
        Assert.Contains("'uri' is missing", items[1].GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'language' must be one of: en, es", items[2].GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("no body", items[3].GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("picture", items[4].GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(storiesBefore + 2, await app.WithDbAsync(db => db.Stories.CountAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.WireItems.CountAsync(w => w.Uri.Contains(run))));
    }

    [Fact]
    public async Task TheApi_RefusesAnonymousImports_AndMalformedJson()
    {
        using (var anonymous = await SendAsync(null, Sample("harbour-press-v1.json", Run())))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var malformed = await SendAsync(await KeyAsync(), "{ \"uri\": ");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ABodyOverTheLimit_IsRefused_EvenWithoutAContentLength()
    {
        var key = await KeyAsync();
        var storiesBefore = await app.WithDbAsync(db => db.Stories.CountAsync());
        // Valid JSON all the way, so only the size can refuse it; sent chunked, so only counting can.
        var item = Sample("harbour-press-v1.json", Run());
        var items = string.Join(',', Enumerable.Repeat(item, (PublicApi.MaxWireBytes / Encoding.UTF8.GetByteCount(item)) + 1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/wire")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"[{items}]"))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await app.CreateReader().SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(storiesBefore, await app.WithDbAsync(db => db.Stories.CountAsync()));
    }

    [Fact]
    public async Task TheCommandLine_ImportsAFolder_WithProgress_AndReportsInvalidItems()
    {
        var run = Run();
        var folder = Directory.CreateTempSubdirectory("gaceta-wire-");
        try
        {
            foreach (var name in new[] { "agencia-costera-v2.json", "harbour-press-v1.json", "mixed-batch.json" })
            {
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, name), Sample(name, run));
            }

            var result = await CliProcess.RunAsync(app, "wire", "import", folder.FullName);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("[##############################] 100 % 3/3", result.Output, StringComparison.Ordinal);
            Assert.Contains("4 created · 0 updated · 0 unchanged · 0 skipped · 5 invalid", result.Output, StringComparison.Ordinal);
            Assert.Contains("mixed-batch.json#3 urn:harbourpress:" + run + ":french: invalid", result.Errors, StringComparison.Ordinal);
            var faro = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Story.WireCredit == "Agencia Costera" && a.Headline.StartsWith("El faro de la bahía") && db.WireItems.Any(w => w.StoryId == a.StoryId && w.Uri.Contains(run))));
            Assert.Equal("es", faro.Language);
            Assert.DoesNotContain("alert", faro.Body, StringComparison.Ordinal);
            Assert.Contains("«Es una alegría para el puerto», dijo la alcaldesa\\.", faro.Body, StringComparison.Ordinal);

            // Run again: nothing new.
            var again = await CliProcess.RunAsync(app, "wire", "import", folder.FullName);
            Assert.Contains("0 created · 0 updated · 4 unchanged", again.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task APublishedArticle_IsExportedAsNinjs_ThatImportsBack()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var slug = story.PathIn("es").Split('/')[^1];
        using var response = await app.CreateReader().GetAsync($"/api/v1/articles/es/{slug}/ninjs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ninjs+json", response.Content.Headers.ContentType?.MediaType);
        var ninjs = await response.Content.ReadAsStringAsync();
        using (var json = JsonDocument.Parse(ninjs))
        {
            var root = json.RootElement;
            Assert.Equal($"{GacetaApp.PublicUrl}{story.PathIn("es")}", root.GetProperty("uri").GetString());
            Assert.Equal("es", root.GetProperty("language").GetString());
            Assert.Equal("Las grúas del puerto vuelven al trabajo", root.GetProperty("headlines")[0].GetProperty("value").GetString());
            Assert.Contains("Los estibadores volvieron el lunes.", root.GetProperty("bodies")[0].GetProperty("value").GetString(), StringComparison.Ordinal);
        }

        var imported = await ImportAsync(ninjs);
        Assert.Equal("Created", imported.GetProperty("items")[0].GetProperty("outcome").GetString());
    }

    private static string Run() => Guid.NewGuid().ToString("N")[..12];

    private static string Sample(string name, string run) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Wire", "Samples", name)).Replace("{run}", run, StringComparison.Ordinal);

    private Task<(string Headline, string Slug, int Version)> ArticleAsync(int storyId) =>
        app.WithDbAsync(db => db.Articles.Where(a => a.StoryId == storyId).Select(a => new ValueTuple<string, string, int>(a.Headline, a.Slug, a.Version)).SingleAsync());

    private async Task<JsonElement> ImportAsync(string json)
    {
        using var response = await SendAsync(await KeyAsync(), json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private async Task<HttpResponseMessage> SendAsync(string? key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/wire") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await app.CreateReader().SendAsync(request);
    }

    private string? _key;

    /// <summary>An editor's key, made once per test class through the staff area.</summary>
    private async Task<string> KeyAsync()
    {
        if (_key is null)
        {
            await app.Stories.CreateBilingualAsync();
            using var admin = await StaffSession.SignInAsync(app, StaffRoles.Administrator);
            using var response = await admin.PostAsync("/admin/keys", [new("name", "Wire desk"), new("role", StaffRoles.Editor)]);
            _key = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("code.password")!.TextContent.Trim();
        }

        return _key;
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteWireTests(SqliteApp app) : WireTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresWireTests(PostgresApp app) : WireTests(app);
