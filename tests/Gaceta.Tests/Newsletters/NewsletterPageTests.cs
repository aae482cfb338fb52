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
