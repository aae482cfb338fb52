using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gaceta.Tests.Infrastructure;

namespace Gaceta.Tests.Api;

/// <summary><c>gaceta keys add|list|revoke</c>: keys made on the command line open the API as the staff area's do.</summary>
public abstract partial class ApiKeyCommandTests(GacetaApp app)
{
    [Fact]
    public async Task AKeyMadeOnTheCommandLine_OpensTheApi_IsListed_AndOnceRevokedIsRefused()
    {
        var name = $"Desk robot {Guid.NewGuid():N}"[..20];

        var added = await CliProcess.RunAsync(app, "keys", "add", "--role", "editor", "--name", name);

        Assert.True(added.ExitCode == 0, added.Output + added.Errors);
        var lines = added.Output.Trim().Split('\n');
        var key = lines[^1].Trim();
        Assert.StartsWith("gk_", key, StringComparison.Ordinal);
        var id = int.Parse(CreatedKey().Match(added.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.BadRequest, await PostStoryAsync(key));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostStoryAsync(key + "x"));

        var listed = await CliProcess.RunAsync(app, "keys", "list");
        var row = listed.Output.Split('\n').Single(l => l.Contains(name, StringComparison.Ordinal));
        Assert.Matches($"^{id} +Editor +live ", row);
        Assert.DoesNotContain(key, listed.Output, StringComparison.Ordinal);

        var revoked = await CliProcess.RunAsync(app, "keys", "revoke", id.ToString(CultureInfo.InvariantCulture));

        Assert.True(revoked.ExitCode == 0, revoked.Output + revoked.Errors);
        Assert.Equal(HttpStatusCode.Unauthorized, await PostStoryAsync(key));
        var again = await CliProcess.RunAsync(app, "keys", "revoke", id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"No live key has the id {id}", again.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Administrator", "name")]
    [InlineData("Editor", "")]
    public async Task AKeyForAdministration_OrWithoutAName_IsRefused(string role, string name)
    {
        var result = await CliProcess.RunAsync(app, "keys", "add", "--role", role, "--name", name);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Give --role (Editor, Reporter or Translator) and --name", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
    }

    /// <summary>An empty story: a key that opens the API gets 400 for it, one that does not 401.</summary>
    private async Task<HttpStatusCode> PostStoryAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stories") { Content = JsonContent.Create(new { language = "en", headline = string.Empty }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await app.CreateReader().SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex(@"Created key (\d+) ")]
    private static partial Regex CreatedKey();
}

[Collection(SqliteHost.Name)]
public sealed class SqliteApiKeyCommandTests(SqliteApp app) : ApiKeyCommandTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresApiKeyCommandTests(PostgresApp app) : ApiKeyCommandTests(app);
