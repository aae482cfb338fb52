using Gaceta.Data;
using Gaceta.Newsletters;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Subscribers;

/// <summary>Addresses stored before canonical forms existed are rewritten, and one person spelt twice is merged, losing nothing.</summary>
public abstract class CanonicalEmailUpgradeTests(GacetaApp app)
{
    [Fact]
    public async Task TwoSpellingsOfOneAddress_BecomeOneSubscriber_KeepingEveryConsentRecordAndSubscription()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var canonical = $"twice-{tag}@example.org";
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (first, second) = (await NewsletterAsync(), await NewsletterAsync());
        await app.WithDbAsync(async db =>
        {
            // What older versions stored for "<Twice@Example.ORG>" and for the plain address.
            db.Subscribers.Add(Subscriber($"<twice-{tag}@example.org>", now.AddDays(-3), Subscription(first, SubscriptionStatus.Active, now.AddDays(-3), "poll page")));
            db.Subscribers.Add(Subscriber(canonical, now.AddDays(-2), Subscription(first, SubscriptionStatus.Pending, now.AddDays(-2), "form page"), Subscription(second, SubscriptionStatus.Active, now.AddDays(-2), "second page")));
            return await db.SaveChangesAsync();
        });

        await MigrateAsync();

        var merged = await app.WithDbAsync(db => db.Subscribers.AsNoTracking().Include(s => s.Subscriptions).ThenInclude(s => s.ConsentRecords)
            .Where(s => s.Email.Contains($"twice-{tag}")).ToListAsync());
        var survivor = Assert.Single(merged);
        Assert.Equal(canonical, survivor.Email);
        Assert.Equal(2, survivor.Subscriptions.Count);
        var toFirst = survivor.Subscriptions.Single(s => s.NewsletterId == first);
        Assert.Equal(["form page", "poll page"], toFirst.ConsentRecords.Select(c => c.PageUrl).Order(StringComparer.Ordinal));
        // The older spelling had confirmed; the newer one only asked again, unconfirmed: the confirmation stands.
        Assert.Equal(SubscriptionStatus.Active, toFirst.Status);
        Assert.NotNull(toFirst.ConfirmedAt);
        Assert.Single(survivor.Subscriptions.Single(s => s.NewsletterId == second).ConsentRecords);
    }

    [Fact]
    public async Task AnOddSpellingAlone_TakesTheCanonicalForm_AndARunWithNothingToDoChangesNothing()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var newsletter = await NewsletterAsync();
        await app.WithDbAsync(async db =>
        {
            db.Subscribers.Add(Subscriber($"Solo-{tag}@BÜCHER.example", now, Subscription(newsletter, SubscriptionStatus.Active, now, "page")));
            db.Subscribers.Add(Subscriber($"odd-{tag}@exa mple", now, Subscription(newsletter, SubscriptionStatus.Active, now, "page")));
            return await db.SaveChangesAsync();
        });

        await MigrateAsync();
        await MigrateAsync();

        Assert.True(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == $"solo-{tag}@xn--bcher-kva.example")));
        // An address that cannot be read is left as it was, not dropped.
        Assert.True(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == $"odd-{tag}@exa mple")));
    }

    private async Task MigrateAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    private Task<int> NewsletterAsync() => app.WithDbAsync(async db =>
    {
        var newsletter = new Newsletter
        {
            Key = $"merge-{Guid.NewGuid():N}"[..16],
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            Names = [new() { Language = "en", Name = "Merged" }, new() { Language = "es", Name = "Fusionado" }],
        };
        db.Newsletters.Add(newsletter);
        await db.SaveChangesAsync();
        return newsletter.Id;
    });

    private static Subscriber Subscriber(string email, DateTime at, params Subscription[] subscriptions) =>
        new() { Email = email, Language = "en", CreatedAt = at, Subscriptions = [.. subscriptions] };

    private static Subscription Subscription(int newsletterId, SubscriptionStatus status, DateTime at, string page) => new()
    {
        NewsletterId = newsletterId,
        Status = status,
        Grant = AccessGrant.Free,
        Source = SubscriptionSource.Form,
        CreatedAt = at,
        ConfirmedAt = status == SubscriptionStatus.Active ? at : null,
        ConsentRecords = [new ConsentRecord { GivenAt = at, Text = "Send me the newsletter.", TextVersion = 1, Language = "en", PageUrl = page, IpHash = "hash", ConfirmedAt = status == SubscriptionStatus.Active ? at : null }],
    };
}

[Collection(SqliteHost.Name)]
public sealed class CanonicalEmailUpgradeOnSqlite(SqliteApp app) : CanonicalEmailUpgradeTests(app);

[Collection(PostgresHost.Name)]
public sealed class CanonicalEmailUpgradeOnPostgres(PostgresApp app) : CanonicalEmailUpgradeTests(app);
