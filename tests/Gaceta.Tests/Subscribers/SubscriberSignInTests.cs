using System.Net;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Subscribers;

/// <summary>
/// Subscribers sign in by an emailed link: the link opens a page, the button signs in, links work once and
/// expire, and signing out (or being erased) ends every session.
/// </summary>
public abstract class SubscriberSignInTests(GacetaApp app) : SubscriberAreaTestBase
{
    private protected override GacetaApp App => app;

    [Theory]
    [InlineData("en", "Your link to sign in to Gaceta", "If this address receives our newsletters")]
    [InlineData("es", "Su enlace para entrar en Gaceta", "Si esta dirección recibe nuestros boletines")]
    public async Task AskingForALink_MailsOnlyKnownAddresses_InTheirLanguage_AndAnswersAllAlike(string language, string subject, string notice)
    {
        var subscriber = await CreateSubscriberAsync(language);
        var stranger = $"stranger-{Guid.NewGuid():N}@example.org";
        var client = NewClientAddress();

        var forStranger = await AskForLinkAsync(app.CreateReader(), stranger, language, client);
        var forSubscriber = await AskForLinkAsync(app.CreateReader(), subscriber.Email, language, client);

        Assert.StartsWith(notice, forStranger, StringComparison.Ordinal);
        Assert.Equal(forStranger, forSubscriber);
        var mail = await app.Smtp.WaitForAsync(subscriber.Email);
        Assert.Equal(subject, mail.Subject);
        Assert.Null(mail.Headers[MimeKit.HeaderId.ListUnsubscribe]);
        Assert.Matches(LinkPattern(), mail.TextBody);
        Assert.Contains(LinkPattern().Match(mail.TextBody!).Value, mail.HtmlBody, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.OutboundMails.AnyAsync(m => m.Recipient == stranger)));
    }

    [Fact]
    public async Task TheSignInForm_IsLocalized_Cacheable_AndRefusesBadInputAndOtherSites()
    {
        using var reader = app.CreateReader();
        using var page = await reader.GetAsync("/es/newsletters/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("public, max-age=60", page.Headers.CacheControl?.ToString());
        Assert.Equal("Entrar en sus boletines", Html.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("main h1").Text());

        using var bad = await reader.PostFormAsync("/es/newsletters/sign-in", [new("email", "not-an-address")], clientAddress: NewClientAddress());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Escriba una dirección de correo como nombre@ejemplo.com.", Html.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector(".error-summary").Text().Trim());

        var subscriber = await CreateSubscriberAsync("en");
        using var crossSite = await reader.PostFormAsync("/en/newsletters/sign-in", [new("email", subscriber.Email)], origin: "https://elsewhere.example", clientAddress: NewClientAddress());
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SignInLinks.AnyAsync(l => l.SubscriberId == subscriber.Id)));
    }

    [Theory]
    [InlineData("en", "Your newsletters")]
    [InlineData("es", "Sus boletines")]
    public async Task OpeningTheLink_SignsNoOneIn_ThePressedButtonDoes_AndOnlyOnce(string language, string heading)
    {
        var subscriber = await CreateSubscriberAsync(language);
        using var browser = app.CreateReader();
        var link = await MailedLinkAsync(browser, subscriber.Email, language);

        using (var opened = await browser.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            Assert.Equal("no-store", opened.Headers.CacheControl?.ToString());
            Assert.Equal("no-referrer", opened.Headers.GetValues("Referrer-Policy").Single());
            Assert.NotNull(Html.Parse(await opened.Content.ReadAsStringAsync()).QuerySelector("main form[method=post] button"));
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "/newsletters/account") { Headers = { { "Accept-Language", language } } })
        using (var notYet = await browser.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);
            Assert.Equal($"/{language}/newsletters/sign-in", notYet.Headers.Location?.OriginalString);
        }

        using (var pressed = await browser.PostFormAsync(link, []))
        {
            Assert.Equal(HttpStatusCode.SeeOther, pressed.StatusCode);
            Assert.Equal("/newsletters/account", pressed.Headers.Location?.OriginalString);
        }

        using (var account = await browser.GetAsync("/newsletters/account"))
        {
            Assert.Equal(HttpStatusCode.OK, account.StatusCode);
            Assert.Equal("no-store", account.Headers.CacheControl?.ToString());
            var document = Html.Parse(await account.Content.ReadAsStringAsync());
            Assert.Equal(heading, document.QuerySelector("main h1").Text());
            Assert.Contains(subscriber.Email, document.QuerySelector("main p").Text(), StringComparison.Ordinal);
        }

        using var elsewhere = app.CreateReader();
        using (var again = await elsewhere.PostFormAsync(link, []))
        {
            Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        }

        using var stillOut = await elsewhere.GetAsync("/newsletters/account");
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);
    }

    [Fact]
    public async Task ALink_StopsWorkingWhenItExpires()
    {
        var subscriber = await CreateSubscriberAsync("es");
        using var browser = app.CreateReader();
        var link = await MailedLinkAsync(browser, subscriber.Email, "es");

        app.Clock.Advance(TimeSpan.FromMinutes(61));

        using (var opened = await browser.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
            Assert.Contains("ha caducado", Html.Parse(await opened.Content.ReadAsStringAsync()).QuerySelector("main").Text(), StringComparison.Ordinal);
        }

        using (var pressed = await browser.PostFormAsync(link, []))
        {
            Assert.Equal(HttpStatusCode.Gone, pressed.StatusCode);
        }

        using var account = await browser.GetAsync("/newsletters/account");
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
    }

    [Fact]
    public async Task TheKeysProtectingSessions_AreKeptInTheDatabase()
    {
        var subscriber = await CreateSubscriberAsync("en");
        using var browser = await SignedInAsync(subscriber, "en");

        // Every node and every restart reads the same keys, so a session does not end with the process.
        Assert.True(await app.WithDbAsync(db => db.DataProtectionKeys.AnyAsync()));
        using var account = await browser.GetAsync("/newsletters/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task AnErasedSubscriber_IsSignedOut()
    {
        var subscriber = await CreateSubscriberAsync("en");
        using var browser = await SignedInAsync(subscriber, "en");
        await app.WithDbAsync(db => db.Subscribers.Where(s => s.Id == subscriber.Id).ExecuteDeleteAsync());

        using var account = await browser.GetAsync("/newsletters/account");

        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.Equal("/en/newsletters/sign-in", account.Headers.Location?.OriginalString);
        using var after = await browser.GetAsync("/newsletters/account");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsEverySessionOfTheSubscriber_ACopiedCookieAndOtherBrowsersToo()
    {
        var subscriber = await CreateSubscriberAsync("es");
        var cookie = await SessionCookieAsync(subscriber, "es");
        using var other = await SignedInAsync(subscriber, "es");
        using var stolen = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(GacetaApp.PublicUrl) });
        using (var before = await GetWithCookieAsync(stolen, cookie))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, "/newsletters/account?handler=SignOut") { Content = new FormUrlEncodedContent([]) })
        {
            request.Headers.Add("Cookie", cookie);
            request.Headers.Add("Origin", GacetaApp.PublicUrl);
            using var signedOut = await stolen.SendAsync(request);
            Assert.Equal(HttpStatusCode.SeeOther, signedOut.StatusCode);
        }

        using var copied = await GetWithCookieAsync(stolen, cookie);
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        Assert.Equal("/es/newsletters/sign-in", copied.Headers.Location?.OriginalString);
        using var elsewhere = await other.GetAsync("/newsletters/account");
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/newsletters/account");
        request.Headers.Add("Cookie", cookie);
        // An ended session says nothing any more; the browser's own language leads to the sign-in form.
        request.Headers.Add("Accept-Language", "es");
        return await client.SendAsync(request);
    }

    /// <summary>Signs in and returns the session cookie as a browser would send it back.</summary>
    private async Task<string> SessionCookieAsync(CreatedSubscriber subscriber, string language)
    {
        var browser = app.CreateReader();
        var link = await MailedLinkAsync(browser, subscriber.Email, language);
        using var pressed = await browser.PostFormAsync(link, []);
        Assert.Equal(HttpStatusCode.SeeOther, pressed.StatusCode);
        var set = pressed.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gaceta-subscriber=", StringComparison.Ordinal));
        return set[..set.IndexOf(';', StringComparison.Ordinal)];
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteSubscriberSignInTests(SqliteApp app) : SubscriberSignInTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresSubscriberSignInTests(PostgresApp app) : SubscriberSignInTests(app);
