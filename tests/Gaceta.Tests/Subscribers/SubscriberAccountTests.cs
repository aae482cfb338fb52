using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gaceta.Newsletters;
using Gaceta.Staff;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Subscribers;

/// <summary>
/// Subscribers sign in by an emailed link (the link opens a page, the button signs in, links work once and
/// expire), then manage their language and newsletters and read the archive; premium editions need a grant.
/// </summary>
public abstract partial class SubscriberAccountTests(GacetaApp app)
{
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
    public async Task ASignedInSubscriber_ChangesLanguage_SubscribesWithoutASecondMail_AndLeaves()
    {
        var subscriber = await CreateSubscriberAsync("en");
        var free = await CreateNewsletterAsync(premium: false);
        using var browser = await SignedInAsync(subscriber, "en");

        using (var changed = await browser.PostFormAsync("/newsletters/account?handler=Language", [new("language", "es")]))
        {
            Assert.Equal(HttpStatusCode.SeeOther, changed.StatusCode);
        }

        Assert.Equal("es", await app.WithDbAsync(db => db.Subscribers.Where(s => s.Id == subscriber.Id).Select(s => s.Language).SingleAsync()));
        var page = await browser.GetDocumentAsync("/newsletters/account?done=language");
        Assert.Equal("Sus boletines", page.QuerySelector("main h1").Text());
        Assert.Equal("es", page.DocumentElement.GetAttribute("lang"));

        using (var noConsent = await browser.PostFormAsync("/newsletters/account?handler=Join", [new("newsletter", free.Id.ToString(CultureInfo.InvariantCulture))]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
            Assert.Contains("Marque la casilla", Html.Parse(await noConsent.Content.ReadAsStringAsync()).QuerySelector(".error-summary").Text(), StringComparison.Ordinal);
        }

        using (var joined = await browser.PostFormAsync("/newsletters/account?handler=Join", [new("newsletter", free.Id.ToString(CultureInfo.InvariantCulture)), new("consent", "yes")]))
        {
            Assert.Equal(HttpStatusCode.SeeOther, joined.StatusCode);
        }

        var subscription = await app.WithDbAsync(db => db.Subscriptions.Where(s => s.SubscriberId == subscriber.Id && s.NewsletterId == free.Id)
            .Select(s => new { s.Status, s.ConfirmedAt, Consent = s.ConsentRecords.Select(c => new { c.Text, c.ConfirmedAt, c.Language }).Single() })
            .SingleAsync());
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.NotNull(subscription.ConfirmedAt);
        Assert.NotNull(subscription.Consent.ConfirmedAt);
        Assert.Equal("es", subscription.Consent.Language);
        Assert.Equal("Quiero recibir Semanario del puerto por correo electrónico. Puedo darme de baja cuando quiera.", subscription.Consent.Text);
        Assert.Equal(
            ["subscriber-sign-in"],
            await app.WithDbAsync(db => db.OutboundMails.Where(m => m.Recipient == subscriber.Email).Select(m => m.Purpose).ToListAsync()));

        using (var left = await browser.PostFormAsync("/newsletters/account?handler=Leave", [new("newsletter", free.Id.ToString(CultureInfo.InvariantCulture))]))
        {
            Assert.Equal(HttpStatusCode.SeeOther, left.StatusCode);
        }

        Assert.Equal(
            SubscriptionStatus.Unsubscribed,
            await app.WithDbAsync(db => db.Subscriptions.Where(s => s.SubscriberId == subscriber.Id && s.NewsletterId == free.Id).Select(s => s.Status).SingleAsync()));
        using var crossSite = await browser.PostFormAsync("/newsletters/account?handler=Language", [new("language", "en")], origin: "https://elsewhere.example");
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
    }

    [Theory]
    [InlineData("en", "Tides of the week", "Premium: for subscribers with access.")]
    [InlineData("es", "Mareas de la semana", "Prémium: para suscriptores con acceso.")]
    public async Task TheArchive_ShowsSentEditions_AndPremiumOnesOnlyWithAGrant(string language, string freeSubject, string refusal)
    {
        var subscriber = await CreateSubscriberAsync(language);
        var free = await CreateNewsletterAsync(premium: false);
        var premium = await CreateNewsletterAsync(premium: true);
        var story = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new("Cranes return to the north quay", "Three new cranes arrive.", "Body."),
        });
        var tag = Guid.NewGuid().ToString("N")[..8];
        var sentFree = await CreateEditionAsync(free.Id, EditionStatus.Sent, story.StoryId, $"Tides of the week {tag}", $"Mareas de la semana {tag}");
        var sentPremium = await CreateEditionAsync(premium.Id, EditionStatus.Sent, story.StoryId, $"Premium tides {tag}", $"Mareas prémium {tag}");
        var draft = await CreateEditionAsync(free.Id, EditionStatus.Draft, story.StoryId, $"Unfinished {tag}", $"Sin terminar {tag}");
        freeSubject = $"{freeSubject} {tag}";
        using var browser = await SignedInAsync(subscriber, language);

        var archive = await browser.GetDocumentAsync("/newsletters/archive");
        var subjects = archive.QuerySelectorAll(".edition-archive a").Select(a => a.Text()).ToList();
        Assert.Contains(freeSubject, subjects);
        Assert.Single(subjects, s => s.EndsWith(tag, StringComparison.Ordinal));

        var edition = await browser.GetDocumentAsync($"/newsletters/archive/{sentFree}");
        Assert.Equal(freeSubject, edition.QuerySelector("main h1").Text());
        Assert.Equal("Cranes return to the north quay", edition.QuerySelector(".edition-story h2").Text());
        Assert.Equal(language == "es", edition.QuerySelector(".translation-note") is not null);

        using (var refused = await browser.GetAsync($"/newsletters/archive/{sentPremium}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(refusal, Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("main h1").Text());
        }

        using (var missing = await browser.GetAsync($"/newsletters/archive/{draft}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using (var join = await browser.PostFormAsync("/newsletters/account?handler=Join", [new("newsletter", premium.Id.ToString(CultureInfo.InvariantCulture)), new("consent", "yes")]))
        {
            Assert.Equal(HttpStatusCode.Forbidden, join.StatusCode);
        }

        // Staff give access: without a subscription, that is a confirmation mail, not a subscription.
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        var detail = $"/admin/subscribers/{subscriber.Id}";
        using (var given = await editor.PostAsync(detail, [new("newsletter", premium.Id.ToString(CultureInfo.InvariantCulture)), new("grant", "Complimentary")], detail + "?handler=Access"))
        {
            Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        }

        var pending = await app.WithDbAsync(db => db.Subscriptions.SingleAsync(s => s.SubscriberId == subscriber.Id && s.NewsletterId == premium.Id));
        Assert.Equal((SubscriptionStatus.Pending, AccessGrant.Complimentary, SubscriptionSource.Staff), (pending.Status, pending.Grant, pending.Source));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "subscriber-access-changed" && e.Subject.StartsWith($"subscriber {subscriber.Id}:"))));
        using (var stillRefused = await browser.GetAsync($"/newsletters/archive/{sentPremium}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, stillRefused.StatusCode);
        }

        // Signed in, the subscriber takes it up without a second mail, and the premium archive opens.
        using (var joined = await browser.PostFormAsync("/newsletters/account?handler=Join", [new("newsletter", premium.Id.ToString(CultureInfo.InvariantCulture)), new("consent", "yes")]))
        {
            Assert.Equal(HttpStatusCode.SeeOther, joined.StatusCode);
        }

        using (var opened = await browser.GetAsync($"/newsletters/archive/{sentPremium}"))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        }

        // Taking the access away closes it again.
        using (var revoked = await editor.PostAsync(detail, [new("newsletter", premium.Id.ToString(CultureInfo.InvariantCulture)), new("grant", "Free")], detail + "?handler=Access"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        using var closed = await browser.GetAsync($"/newsletters/archive/{sentPremium}");
        Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
    }

    [Fact]
    public async Task StaffCannotGiveAccessToAFreeNewsletter()
    {
        var subscriber = await CreateSubscriberAsync("en");
        var free = await CreateNewsletterAsync(premium: false);
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor, "es");
        var detail = $"/admin/subscribers/{subscriber.Id}";

        using var refused = await editor.PostAsync(detail, [new("newsletter", free.Id.ToString(CultureInfo.InvariantCulture)), new("grant", "Paid")], detail + "?handler=Access");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Elija un boletín prémium", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Subscriptions.AnyAsync(s => s.SubscriberId == subscriber.Id && s.NewsletterId == free.Id)));
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

    private sealed record CreatedSubscriber(int Id, string Email);

    private sealed record CreatedNewsletter(int Id, string Key);

    [GeneratedRegex(@"https://gaceta\.test/newsletters/sign-in/[A-Za-z0-9_\-\.]+")]
    private static partial Regex LinkPattern();

    /// <summary>A client address of its own, so one test's mails never use up another's per-client allowance.</summary>
    private static string NewClientAddress() =>
        string.Create(CultureInfo.InvariantCulture, $"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}");

    private static async Task<string> AskForLinkAsync(HttpClient client, string email, string language, string clientAddress)
    {
        using var response = await client.PostFormAsync($"/{language}/newsletters/sign-in", [new("email", email), new("website", string.Empty)], clientAddress: clientAddress);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text();
    }

    private async Task<string> MailedLinkAsync(HttpClient client, string email, string language)
    {
        var before = app.Smtp.To(email).Count;
        await AskForLinkAsync(client, email, language, NewClientAddress());
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (app.Smtp.To(email).Count <= before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var mail = app.Smtp.To(email)[^1];
        return new Uri(LinkPattern().Match(mail.TextBody!).Value).AbsolutePath;
    }

    private async Task<HttpClient> SignedInAsync(CreatedSubscriber subscriber, string language)
    {
        var browser = app.CreateReader();
        var link = await MailedLinkAsync(browser, subscriber.Email, language);
        using var pressed = await browser.PostFormAsync(link, []);
        Assert.Equal(HttpStatusCode.SeeOther, pressed.StatusCode);
        return browser;
    }

    private Task<CreatedSubscriber> CreateSubscriberAsync(string language) => app.WithDbAsync(async db =>
    {
        var subscriber = new Subscriber
        {
            Email = $"account-{Guid.NewGuid():N}@example.org",
            Language = language,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        db.Subscribers.Add(subscriber);
        await db.SaveChangesAsync();
        return new CreatedSubscriber(subscriber.Id, subscriber.Email);
    });

    private Task<CreatedNewsletter> CreateNewsletterAsync(bool premium) => app.WithDbAsync(async db =>
    {
        var newsletter = new Newsletter
        {
            Key = $"account-{Guid.NewGuid():N}"[..17],
            IsPremium = premium,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            Names =
            [
                new() { Language = "en", Name = premium ? "Harbour insider" : "Harbour weekly" },
                new() { Language = "es", Name = premium ? "Puerto a fondo" : "Semanario del puerto" },
            ],
        };
        db.Newsletters.Add(newsletter);
        await db.SaveChangesAsync();
        return new CreatedNewsletter(newsletter.Id, newsletter.Key);
    });

    private Task<int> CreateEditionAsync(int newsletterId, EditionStatus status, int storyId, string subjectEn, string subjectEs) => app.WithDbAsync(async db =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var edition = new Edition
        {
            NewsletterId = newsletterId,
            Status = status,
            CreatedAt = now,
            StartedAt = status == EditionStatus.Sent ? now : null,
            FinishedAt = status == EditionStatus.Sent ? now : null,
            Texts =
            [
                new() { Language = "en", Subject = subjectEn, Intro = "The week on the **water**." },
                new() { Language = "es", Subject = subjectEs, Intro = "La semana en el **agua**." },
            ],
            Stories = [new() { StoryId = storyId, Position = 0 }],
        };
        db.Editions.Add(edition);
        await db.SaveChangesAsync();
        return edition.Id;
    });
}

[Collection(SqliteHost.Name)]
public sealed class SqliteSubscriberAccountTests(SqliteApp app) : SubscriberAccountTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresSubscriberAccountTests(PostgresApp app) : SubscriberAccountTests(app);
