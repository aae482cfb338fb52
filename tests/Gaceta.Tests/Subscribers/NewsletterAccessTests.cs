using System.Net;
using System.Text.RegularExpressions;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Gaceta.Tests.Subscribers;

/// <summary>
/// A vote with email and ticked consent: double opt-in, consent records, the confirmation mail over real SMTP,
/// and unsubscribing at any time, one-click included.
/// </summary>
public abstract partial class NewsletterAccessTests(GacetaApp app)
{
    private readonly HttpClient _reader = app.CreateReader();

    [Theory]
    [InlineData("en", PollFactory.ConsentEn, "Confirm your subscription to Harbour — premium")]
    [InlineData("es", PollFactory.ConsentEs, "Confirme su suscripción a Puerto — prémium")]
    public async Task VoteWithEmailAndConsent_CreatesAPendingSubscription_AConsentRecord_AndSendsOneConfirmation(string language, string consent, string subject)
    {
        var poll = await app.Polls.CreateAsync();
        var address = NewAddress();

        using var response = await _reader.PostFormAsync(
            poll.PostPath(language),
            Forms.Vote(poll, poll.OptionIds[0], email: address.ToUpperInvariant(), newsletter: true, returnPath: poll.Story.PathIn(language)),
            clientAddress: "203.0.113.77");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await app.Polls.StoredVotesAsync(poll.PollId));
        var subscriber = await app.WithDbAsync(db => db.Subscribers
            .Include(s => s.Subscriptions).ThenInclude(s => s.ConsentRecords)
            .SingleAsync(s => s.Email == address));
        Assert.Equal(language, subscriber.Language);
        var subscription = Assert.Single(subscriber.Subscriptions);
        Assert.Equal(poll.NewsletterId, subscription.NewsletterId);
        Assert.Equal(SubscriptionStatus.Pending, subscription.Status);
        Assert.Equal(SubscriptionSource.Poll, subscription.Source);
        Assert.Equal(poll.PollId, subscription.SourcePollId);
        var record = Assert.Single(subscription.ConsentRecords);
        Assert.Equal(consent, record.Text);
        Assert.Equal(1, record.TextVersion);
        Assert.Equal(language, record.Language);
        Assert.Equal(GacetaApp.PublicUrl + poll.Story.PathIn(language), record.PageUrl);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, record.GivenAt);
        Assert.Matches("^[0-9a-f]{64}$", record.IpHash);
        Assert.DoesNotContain("203.0.113.77", record.IpHash, StringComparison.Ordinal);
        Assert.Null(record.ConfirmedAt);

        var mail = await app.Smtp.WaitForAsync(address);
        Assert.Equal(subject, mail.Subject);
        Assert.NotNull(mail.TextBody);
        Assert.NotNull(mail.HtmlBody);
        Assert.Contains(ConfirmLink(mail), mail.HtmlBody, StringComparison.Ordinal);
        var listUnsubscribe = mail.Headers[HeaderId.ListUnsubscribe];
        // Only the https address: no mailto is offered while inbound mail is not processed (RFC 8058 needs only https).
        Assert.Matches(@"^<https://gaceta\.test/newsletters/unsubscribe/[A-Za-z0-9_-]{43}>$", listUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.False(string.IsNullOrEmpty(mail.MessageId));
        Assert.Single(app.Smtp.To(address));
    }

    [Fact]
    public async Task OpeningTheConfirmationLink_ChangesNothing_PressingItsButtonConfirmsWithAComplimentaryGrant()
    {
        var (address, mail) = await SubscribeAsync("es");
        var link = new Uri(ConfirmLink(mail));

        var page = await _reader.GetDocumentAsync(link.AbsolutePath);
        Assert.Equal("es", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Confirmar mi suscripción", page.QuerySelector("main form button").Text());
        Assert.Equal(SubscriptionStatus.Pending, await StatusAsync(address));

        using var confirm = await _reader.PostFormAsync(link.AbsolutePath, []);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal("no-store", confirm.Headers.CacheControl?.ToString());
        var subscription = await app.WithDbAsync(db => db.Subscriptions.Include(s => s.ConsentRecords).SingleAsync(s => s.Subscriber.Email == address));
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(AccessGrant.Complimentary, subscription.Grant);
        Assert.True(subscription.Newsletter is null || subscription.Newsletter.IsPremium);
        Assert.NotNull(Assert.Single(subscription.ConsentRecords).ConfirmedAt);
        Assert.Contains("Hecho", Html.Parse(await confirm.Content.ReadAsStringAsync()).QuerySelector(".subscription-done").Text(), StringComparison.Ordinal);

        using var again = await _reader.PostFormAsync(link.AbsolutePath, []);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ConfirmationFromAnotherSite_IsRefused()
    {
        var (address, mail) = await SubscribeAsync("en");

        using var forged = await _reader.PostFormAsync(new Uri(ConfirmLink(mail)).AbsolutePath, [], origin: "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(SubscriptionStatus.Pending, await StatusAsync(address));
    }

    [Fact]
    public async Task AnExpiredConfirmationLink_IsNotFound()
    {
        var (address, mail) = await SubscribeAsync("en");
        app.Clock.Advance(TimeSpan.FromDays(8));

        using var late = await _reader.PostFormAsync(new Uri(ConfirmLink(mail)).AbsolutePath, []);

        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Equal(SubscriptionStatus.Pending, await StatusAsync(address));
    }

    [Fact]
    public async Task NothingButTheConfirmationIsMailed_WhileTheAddressIsUnconfirmed()
    {
        var poll = await app.Polls.CreateAsync();
        var other = await app.Polls.CreateAsync();
        var address = NewAddress();

        using var first = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0], email: address, newsletter: true));
        await app.Smtp.WaitForAsync(address);
        using var second = await _reader.PostFormAsync(other.PostPath("en"), Forms.Vote(other, other.OptionIds[0], email: address, newsletter: true));

        Assert.Equal(
            "Thank you, your vote has been counted. We have emailed this address about the newsletter: if it asks you to confirm, open the link in it.",
            Html.Parse(await second.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text());
        await Task.Delay(500);
        Assert.Single(app.Smtp.To(address));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboundMails.CountAsync(m => m.Recipient == address)));
    }

    [Theory]
    [InlineData("form")]
    [InlineData("multipart")]
    public async Task OneClickUnsubscribe_WorksWithoutCookies_Answers200WithoutRedirect_AndIsIdempotent(string encoding)
    {
        var (address, mail) = await SubscribeAsync("en");
        var oneClick = new Uri(UnsubscribeLink(mail)).AbsolutePath;
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(GacetaApp.PublicUrl) });

        for (var attempt = 0; attempt < 2; attempt++)
        {
            HttpContent body = encoding == "form"
                ? new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])
                : new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } };
            using var request = new HttpRequestMessage(HttpMethod.Post, oneClick) { Content = body };
            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }

        var subscription = await app.WithDbAsync(db => db.Subscriptions.Include(s => s.ConsentRecords).SingleAsync(s => s.Subscriber.Email == address));
        Assert.Equal(SubscriptionStatus.Unsubscribed, subscription.Status);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, subscription.UnsubscribedAt);
        Assert.Equal(subscription.UnsubscribedAt, Assert.Single(subscription.ConsentRecords).WithdrawnAt);
    }

    [Theory]
    [InlineData("en", "Unsubscribe")]
    [InlineData("es", "Darse de baja")]
    public async Task OpeningTheUnsubscribeLink_ShowsAButton_AndChangesNothing(string language, string button)
    {
        var (address, mail) = await SubscribeAsync(language);

        var page = await _reader.GetDocumentAsync(new Uri(UnsubscribeLink(mail)).AbsolutePath);

        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(button, page.QuerySelector("main form button").Text());
        Assert.Equal(SubscriptionStatus.Pending, await StatusAsync(address));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    [InlineData("")]
    public async Task ABadUnsubscribeToken_IsAUniform404(string token)
    {
        using var response = await _reader.PostFormAsync($"/newsletters/unsubscribe/{token}", [new("List-Unsubscribe", "One-Click")], origin: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ATamperedUnsubscribeToken_IsNotFound()
    {
        var (address, mail) = await SubscribeAsync("en");
        var token = UnsubscribeLink(mail).Split('/')[^1];
        var tampered = (token[0] == 'A' ? "B" : "A") + token[1..];

        using var response = await _reader.PostFormAsync($"/newsletters/unsubscribe/{tampered}", [new("List-Unsubscribe", "One-Click")], origin: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(SubscriptionStatus.Pending, await StatusAsync(address));
    }

    [Fact]
    public async Task ConsentRecords_CannotBeRewritten()
    {
        var (address, _) = await SubscribeAsync("en");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var record = await db.ConsentRecords.FirstAsync(r => db.Subscriptions.Any(s => s.Id == r.SubscriptionId && s.Subscriber.Email == address));
            record.Text = "Something else";
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("cannot be changed", error.Message, StringComparison.Ordinal);
    }

    private async Task<(string Address, MimeMessage Mail)> SubscribeAsync(string language)
    {
        var poll = await app.Polls.CreateAsync();
        var address = NewAddress();
        using var response = await _reader.PostFormAsync(poll.PostPath(language), Forms.Vote(poll, poll.OptionIds[0], email: address, newsletter: true));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (address, await app.Smtp.WaitForAsync(address));
    }

    private Task<SubscriptionStatus> StatusAsync(string address) =>
        app.WithDbAsync(db => db.Subscriptions.Where(s => s.Subscriber.Email == address).Select(s => s.Status).SingleAsync());

    private static string NewAddress() => $"reader-{Guid.NewGuid():N}@example.org";

    private static string ConfirmLink(MimeMessage mail) => Link().Matches(mail.TextBody ?? string.Empty).Select(m => m.Value).First(l => l.Contains("/confirm/", StringComparison.Ordinal));

    private static string UnsubscribeLink(MimeMessage mail) => Link().Matches(mail.TextBody ?? string.Empty).Select(m => m.Value).First(l => l.Contains("/unsubscribe/", StringComparison.Ordinal));

    [GeneratedRegex(@"https://gaceta\.test/newsletters/[a-z]+/[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}

[Collection(SqliteHost.Name)]
public sealed class NewsletterAccessOnSqlite(SqliteApp app) : NewsletterAccessTests(app);

[Collection(PostgresHost.Name)]
public sealed class NewsletterAccessOnPostgres(PostgresApp app) : NewsletterAccessTests(app);
