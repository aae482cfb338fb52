using System.Net;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;

namespace Gaceta.Tests.Security;

/// <summary>A host that accepts any Host header, as an operator may choose: Origin checks still use the public address.</summary>
public sealed class AnyHostApp() : GacetaApp(DatabaseEngine.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["AllowedHosts"] = "*" };
}

/// <summary>What an https public address brings: HSTS, Secure cookies, the public host only, Origin checks against it.</summary>
public sealed class TransportTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task OverHttps_ResponsesCarryHsts_AndEveryCookieIsSecure()
    {
        using var front = await app.CreateReader().GetAsync(new Uri("/en/", UriKind.Relative));
        Assert.Equal("max-age=31536000", front.Headers.GetValues("Strict-Transport-Security").Single());

        using var browser = StaffSession.NewBrowser(app);
        using var signInPage = await browser.GetAsync(new Uri("/admin/sign-in", UriKind.Relative));
        var (email, password, _) = await StaffSession.CreateAccountAsync(app, StaffRoles.Reporter);
        using var signedIn = await StaffSession.PostPageFormAsync(browser, "/admin/sign-in", [new("email", email), new("password", password)]);
        var cookies = signInPage.Headers.GetValues("Set-Cookie").Concat(signedIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("gaceta-staff=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ARequestForAnotherHostName_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/en/");
        request.Headers.Host = "evil.example";
        using var response = await app.CreateReader().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>With every host name accepted, a form is still only taken from the public address's pages.</summary>
public sealed class OriginTests(AnyHostApp app) : IClassFixture<AnyHostApp>
{
    [Fact]
    public async Task AVotePostedToAnotherHostName_WithThatHostAsOrigin_IsRefused()
    {
        var poll = await app.Polls.CreateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, poll.PostPath("en")) { Content = new FormUrlEncodedContent(Forms.Vote(poll, poll.OptionIds[0])) };
        request.Headers.Host = "mirror.example";
        request.Headers.Add("Origin", "https://mirror.example");
        using var response = await app.CreateReader().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await app.Polls.StoredVotesAsync(poll.PollId));
    }
}
