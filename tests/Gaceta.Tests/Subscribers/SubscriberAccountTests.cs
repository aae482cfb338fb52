using System.Globalization;
using System.Net;
using Gaceta.Newsletters;
using Gaceta.Staff;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Subscribers;

/// <summary>
/// Signed in, subscribers manage their language and newsletters and read the archive; premium editions need a
/// grant, which staff give.
/// </summary>
public abstract class SubscriberAccountTests(GacetaApp app) : SubscriberAreaTestBase
{
    private protected override GacetaApp App => app;

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

    private sealed record CreatedNewsletter(int Id, string Key);

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
