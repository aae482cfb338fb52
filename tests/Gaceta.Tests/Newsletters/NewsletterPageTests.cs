using System.Net;
using Gaceta.Newsletters;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Newsletters;

/// <summary>The public newsletter page: the list in each language and the free newsletters' subscribe form.</summary>
public abstract class NewsletterPageTests(GacetaApp app)
{
    [Theory]
    [InlineData("en", "Newsletters", "Harbour weekly", "Subscribe")]
    [InlineData("es", "Boletines", "Semanario del puerto", "Suscribirme")]
    public async Task ThePage_ListsFreeAndPremiumNewsletters_InTheReadersLanguage(string language, string heading, string name, string button)
    {
        var key = await CreateFreeNewsletterAsync();
        await app.Polls.CreateAsync();
        var page = await app.CreateReader().GetDocumentAsync($"/{language}/newsletters");

        Assert.Equal(heading, page.QuerySelector("main h1").Text());
        var section = page.QuerySelectorAll("section.newsletter").Single(s => s.QuerySelector("input[name=newsletter]")?.GetAttribute("value") == key);
        Assert.Equal(name, section.QuerySelector("h2").Text());
        Assert.Equal(button, section.QuerySelector("button").Text());
        Assert.NotNull(page.QuerySelector(".newsletter-premium"));
    }

    [Fact]
    public async Task Subscribing_SendsOnlyAConfirmation_AndRecordsTheConsentShown()
    {
        var key = await CreateFreeNewsletterAsync();
        var email = $"reader-{Guid.NewGuid():N}@example.org";
        using var response = await app.CreateReader().PostFormAsync("/es/newsletters", [new("newsletter", key), new("email", email), new("consent", "yes"), new("website", string.Empty)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Casi listo", Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text(), StringComparison.Ordinal);
        var subscription = await app.WithDbAsync(db => db.Subscriptions.Where(s => s.Subscriber.Email == email)
            .Select(s => new { s.Status, s.Source, s.Subscriber.Language, Consent = s.ConsentRecords.Select(c => c.Text).Single() }).SingleAsync());
        Assert.Equal(SubscriptionStatus.Pending, subscription.Status);
        Assert.Equal(SubscriptionSource.Form, subscription.Source);
        Assert.Equal("es", subscription.Language);
        Assert.Equal("Quiero recibir Semanario del puerto por correo electrónico. Puedo darme de baja cuando quiera.", subscription.Consent);
        var mail = await app.Smtp.WaitForAsync(email);
        Assert.Contains("Semanario del puerto", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormWithoutConsentOrWithABadAddress_IsRefusedInTheReadersLanguage()
    {
        var key = await CreateFreeNewsletterAsync();
        using var response = await app.CreateReader().PostFormAsync("/es/newsletters", [new("newsletter", key), new("email", "not-an-address")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".error-summary li").Select(li => li.Text()).ToList();
        Assert.Contains("Escriba una dirección de correo como nombre@ejemplo.com.", errors);
        Assert.Contains("Marque la casilla para indicar que quiere recibir este boletín.", errors);
        Assert.False(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == "not-an-address")));
    }

    [Fact]
    public async Task PremiumNewsletters_AndOtherSites_CannotUseTheForm()
    {
        var poll = await app.Polls.CreateAsync();
        var premium = await app.WithDbAsync(db => db.Newsletters.Where(n => n.Id == poll.NewsletterId).Select(n => n.Key).SingleAsync());
        var email = $"premium-{Guid.NewGuid():N}@example.org";
        using var refused = await app.CreateReader().PostFormAsync("/en/newsletters", [new("newsletter", premium), new("email", email), new("consent", "yes")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var key = await CreateFreeNewsletterAsync();
        using var crossSite = await app.CreateReader().PostFormAsync("/en/newsletters", [new("newsletter", key), new("email", email), new("consent", "yes")], origin: "https://elsewhere.example");
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == email)));
    }

    [Theory]
    [InlineData("en", "You already receive Harbour weekly")]
    [InlineData("es", "Ya recibe Semanario del puerto")]
    public async Task SubscribingAgain_AnswersAsTheFirstTime_AndOnlyTheOwnerIsToldByMail(string language, string subject)
    {
        var key = await CreateFreeNewsletterAsync();
        var email = $"again-{Guid.NewGuid():N}@example.org";
        var reader = app.CreateReader();
        using var first = await reader.PostFormAsync($"/{language}/newsletters", [new("newsletter", key), new("email", email), new("consent", "yes")], clientAddress: "198.51.100.71");
        await app.Smtp.WaitForAsync(email);
        await app.WithDbAsync(db => db.Subscriptions.Where(s => s.Subscriber.Email == email)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriptionStatus.Active)));
        app.Clock.Advance(TimeSpan.FromMinutes(11));

        using var again = await reader.PostFormAsync($"/{language}/newsletters", [new("newsletter", key), new("email", email.ToUpperInvariant()), new("consent", "yes")], clientAddress: "198.51.100.72");

        Assert.Equal(first.StatusCode, again.StatusCode);
        Assert.Equal(
            Html.Parse(await first.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text(),
            Html.Parse(await again.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text());
        var told = await app.Smtp.WaitForAsync(email, m => m.Subject == subject);
        Assert.Contains($"/{language}/newsletters/sign-in", told.TextBody, StringComparison.Ordinal);
        Assert.Single(await app.WithDbAsync(db => db.Subscribers.Where(s => s.Email == email).ToListAsync()));
    }

    [Theory]
    [InlineData("en", "<{0}>", "Enter an email address like name@example.com.")]
    [InlineData("en", "Victim <{0}>", "Enter an email address like name@example.com.")]
    [InlineData("es", "{0}, other@example.org", "Escriba una dirección de correo como nombre@ejemplo.com.")]
    [InlineData("es", "{0} (comment)", "Escriba una dirección de correo como nombre@ejemplo.com.")]
    [InlineData("en", "\"{0}\"", "Enter an email address like name@example.com.")]
    [InlineData("en", "{0};other@example.org", "Enter an email address like name@example.com.")]
    public async Task OtherSpellingsOfAnAddress_AreRefused_AndStoreNothing(string language, string spelling, string message)
    {
        var key = await CreateFreeNewsletterAsync();
        var email = $"victim-{Guid.NewGuid():N}@example.org";
        var typed = string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, email);
        using var response = await app.CreateReader().PostFormAsync($"/{language}/newsletters", [new("newsletter", key), new("email", typed), new("consent", "yes")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".error-summary li").Select(li => li.Text()));
        Assert.False(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email.Contains(email))));
    }

    [Fact]
    public async Task AnInternationalDomain_IsStoredAndMailedInItsAsciiForm()
    {
        var key = await CreateFreeNewsletterAsync();
        var local = $"idn-{Guid.NewGuid():N}";
        using var response = await app.CreateReader().PostFormAsync("/es/newsletters", [new("newsletter", key), new("email", $"{local}@Bücher.Example"), new("consent", "yes")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var canonical = $"{local}@xn--bcher-kva.example";
        Assert.True(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == canonical)));
        await app.Smtp.WaitForAsync(canonical);
    }

    [Fact]
    public async Task ASuppressedAddress_GetsNoConfirmationMail_AndTheSameAnswer()
    {
        var key = await CreateFreeNewsletterAsync();
        var email = $"bounced-{Guid.NewGuid():N}@example.org";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var list = scope.ServiceProvider.GetRequiredService<SuppressionList>();
            var db = scope.ServiceProvider.GetRequiredService<Gaceta.Data.GacetaDb>();
            db.Suppressions.Add(new Suppression { EmailHash = list.HashOf(email), Reason = "550 no such user", CreatedAt = app.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }

        using var response = await app.CreateReader().PostFormAsync("/en/newsletters", [new("newsletter", key), new("email", email), new("consent", "yes")], clientAddress: "198.51.100.73");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Almost done", Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.OutboundMails.AnyAsync(m => m.Recipient == email)));
    }

    private Task<string> CreateFreeNewsletterAsync() => app.WithDbAsync(async db =>
    {
        var newsletter = new Newsletter
        {
            Key = $"harbour-{Guid.NewGuid():N}"[..17],
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            Names =
            [
                new() { Language = "en", Name = "Harbour weekly", Description = "Ships, cranes and the people who work them." },
                new() { Language = "es", Name = "Semanario del puerto", Description = "Barcos, grúas y la gente que los trabaja." },
            ],
        };
        db.Newsletters.Add(newsletter);
        await db.SaveChangesAsync();
        // The list is a cached reader page: what changes it evicts it.
        await app.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().EvictByTagAsync("newsletters", CancellationToken.None);
        return newsletter.Key;
    });
}

[Collection(SqliteHost.Name)]
public sealed class SqliteNewsletterPageTests(SqliteApp app) : NewsletterPageTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresNewsletterPageTests(PostgresApp app) : NewsletterPageTests(app);
