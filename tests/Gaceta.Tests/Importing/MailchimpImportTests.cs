using System.Text.RegularExpressions;
using Gaceta.Newsletters;
using Gaceta.Security;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Importing;

/// <summary>
/// Mailchimp's audience export (Fixtures/mailchimp, in the documented format: one file per status) imported onto
/// a newsletter through the command line, with the consent history it carries.
/// </summary>
public abstract partial class MailchimpImportTests(GacetaApp app)
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "mailchimp");

    [Fact]
    public async Task TheAudience_ArrivesWithItsConsentHistory_SpellingsMerge_AndASecondRunChangesNothing()
    {
        var (files, domain) = await AudienceAsync();
        var newsletter = await NewsletterAsync(app);
        try
        {
            var first = await CliProcess.RunAsync(app, ["import", "mailchimp", .. files, "--newsletter", newsletter, "--language-column", "IDIOMA"]);

            // The row that is not an address fails the run's exit code; every other reader is imported.
            Assert.True(first.ExitCode == 1 && first.Output.Contains("6 created · 0 updated · 0 unchanged · 0 skipped · 1 invalid", StringComparison.Ordinal), first.Output + first.Errors);
            Assert.Contains($"{Path.GetFileName(files[0])} line 5: invalid", first.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("@", first.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", first.Errors, StringComparison.Ordinal);

            // Confirmed: active, with Mailchimp's own times and a keyed hash of the opt-in address, never the address.
            var ana = await SubscriptionAsync($"ana.rivas@{domain}");
            Assert.Equal(SubscriptionStatus.Active, ana.Status);
            Assert.Equal(new DateTime(2024, 3, 1, 10, 5, 12, DateTimeKind.Utc), ana.ConfirmedAt);
            var consent = ana.ConsentRecords.Single();
            Assert.Equal((new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 1, 10, 5, 12, DateTimeKind.Utc)), (consent.GivenAt, consent.ConfirmedAt!.Value));
            Assert.Contains("Mailchimp", consent.Text, StringComparison.Ordinal);
            Assert.StartsWith("import:mailchimp:", consent.PageUrl, StringComparison.Ordinal);
            Assert.Equal(HashOf("203.0.113.7"), consent.IpHash);
            Assert.DoesNotContain("203.0.113.7", consent.Text + consent.PageUrl + consent.IpHash, StringComparison.Ordinal);
            Assert.Equal("es", await LanguageAsync($"ana.rivas@{domain}"));
            Assert.Equal(HashOf("2001:db8::5"), (await SubscriptionAsync($"dave.lund@{domain}")).ConsentRecords.Single().IpHash);

            // One address spelled two ways in two files is one reader; the later unsubscribe stands.
            var ben = await SubscriptionAsync($"ben.okafor@{domain}");
            Assert.Equal((SubscriptionStatus.Unsubscribed, new DateTime(2025, 5, 4, 6, 10, 0, DateTimeKind.Utc)), (ben.Status, ben.UnsubscribedAt!.Value));
            Assert.Equal(1, await app.WithDbAsync(db => db.Subscribers.CountAsync(s => s.Email == $"ben.okafor@{domain}")));
            var erin = await SubscriptionAsync($"erin.walsh@{domain}");
            Assert.Equal(SubscriptionStatus.Unsubscribed, erin.Status);
            Assert.Equal(new DateTime(2024, 8, 30, 17, 45, 0, DateTimeKind.Utc), erin.ConsentRecords.Single().WithdrawnAt);

            // No proof of confirmation: pending, and not mailed. Cleaned: suppressed, and no subscription.
            Assert.Equal(SubscriptionStatus.Pending, (await SubscriptionAsync($"carla.mendes@{domain}")).Status);
            Assert.True(await SuppressedAsync($"frank.gil@{domain}"));
            Assert.False(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == $"frank.gil@{domain}")));
            Assert.False(await app.WithDbAsync(db => db.OutboundMails.AnyAsync(m => m.Recipient.EndsWith(domain))));

            var again = await CliProcess.RunAsync(app, ["import", "mailchimp", .. files, "--newsletter", newsletter, "--language-column", "IDIOMA"]);
            Assert.Contains("0 created · 0 updated · 6 unchanged · 0 skipped · 1 invalid", again.Output, StringComparison.Ordinal);
            Assert.Single((await SubscriptionAsync($"ana.rivas@{domain}")).ConsentRecords);

            // Asked to, the import mails the unproven reader once, and nobody else.
            var asked = await CliProcess.RunAsync(app, ["import", "mailchimp", .. files, "--newsletter", newsletter, "--language-column", "IDIOMA", "--confirm-unproven"]);
            Assert.Contains("0 created · 1 updated · 5 unchanged", asked.Output, StringComparison.Ordinal);
            Assert.NotNull((await SubscriptionAsync($"carla.mendes@{domain}")).ConfirmationRequestedAt);
            // The site writes the mail in the reader's language and queues it; a request is mailed once.
            await app.SendAsync<SendRequestedConfirmations.Handler, int>(h => h.HandleAsync(CancellationToken.None));
            await app.SendAsync<SendRequestedConfirmations.Handler, int>(h => h.HandleAsync(CancellationToken.None));
            var mailed = await app.WithDbAsync(db => db.OutboundMails.Where(m => m.Recipient.EndsWith(domain)).ToListAsync());
            Assert.Equal([$"carla.mendes@{domain}"], mailed.Select(m => m.Recipient));
            using var message = MimeKit.MimeMessage.Load(new MemoryStream(mailed[0].Message));
            Assert.StartsWith("Confirme su suscripción a", message.Subject, StringComparison.Ordinal);
            Assert.Null((await SubscriptionAsync($"carla.mendes@{domain}")).ConfirmationRequestedAt);
            var fourth = await CliProcess.RunAsync(app, ["import", "mailchimp", .. files, "--newsletter", newsletter, "--language-column", "IDIOMA", "--confirm-unproven"]);
            Assert.Contains("0 created · 0 updated · 6 unchanged", fourth.Output, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var file in files)
            {
                File.Delete(file);
            }
        }
    }

    [Theory]
    [InlineData("columns", "is not a Mailchimp audience export: it has no \"Email Address\" column")]
    [InlineData("binary", "is not a CSV file")]
    [InlineData("quote", "is not valid CSV")]
    [InlineData("newsletter", "No newsletter has the key \"no-such-list\"")]
    [InlineData("language", "has no column named \"Idioma preferido\"")]
    public async Task ABadFile_GetsOneClearError_AndNothingIsWritten(string kind, string message)
    {
        var (files, domain) = await AudienceAsync();
        try
        {
            var newsletter = await NewsletterAsync(app);
            var language = "IDIOMA";
            switch (kind)
            {
                case "columns":
                    await File.WriteAllTextAsync(files[2], "email,name\nsomeone@example.org,Someone\n");
                    break;
                case "binary":
                    await File.WriteAllBytesAsync(files[2], await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "ghost", "images", "2026", "12", "seagrass-beds.png")));
                    break;
                case "quote":
                    await File.AppendAllTextAsync(files[2], "\"unclosed@example.org,Un,Closed\n");
                    break;
                case "newsletter":
                    newsletter = "no-such-list";
                    break;
                default:
                    language = "Idioma preferido";
                    break;
            }

            var result = await CliProcess.RunAsync(app, ["import", "mailchimp", .. files, "--newsletter", newsletter, "--language-column", language]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(message, result.Errors, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Errors, StringComparison.Ordinal);
            Assert.False(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email.EndsWith(domain))));
            Assert.False(await SuppressedAsync($"frank.gil@{domain}"));
        }
        finally
        {
            foreach (var file in files)
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task ARowThatDoesNotLineUp_IsReportedByItsLine_AndTheOthersAreImported()
    {
        var (files, domain) = await AudienceAsync();
        var newsletter = await NewsletterAsync(app);
        try
        {
            await File.AppendAllTextAsync(files[1], $"short.row@{domain},Short,Row\n");

            var result = await CliProcess.RunAsync(app, ["import", "mailchimp", files[1], "--newsletter", newsletter]);

            Assert.True(result.ExitCode == 1 && result.Output.Contains("2 created · 0 updated · 0 unchanged · 0 skipped · 1 invalid", StringComparison.Ordinal), result.Output + result.Errors);
            Assert.Contains($"{Path.GetFileName(files[1])} line 4: invalid", result.Output, StringComparison.Ordinal);
            Assert.Contains("does not have as many fields as the header", result.Output, StringComparison.Ordinal);
            Assert.False(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == $"short.row@{domain}")));
            Assert.Equal(SubscriptionStatus.Unsubscribed, (await SubscriptionAsync($"erin.walsh@{domain}")).Status);
        }
        finally
        {
            foreach (var file in files)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>A free newsletter of the test's own, named in both languages; its key.</summary>
    internal static Task<string> NewsletterAsync(GacetaApp app) => app.WithDbAsync(async db =>
    {
        var key = $"harbour-{Guid.NewGuid():N}"[..24];
        db.Newsletters.Add(new Newsletter
        {
            Key = key,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            Names = [new() { Language = "en", Name = "Harbour weekly" }, new() { Language = "es", Name = "Semanal del puerto" }],
        });
        await db.SaveChangesAsync();
        return key;
    });

    /// <summary>The three files with addresses at a domain of their own, so each test's readers are new.</summary>
    private static async Task<(string[] Files, string Domain)> AudienceAsync()
    {
        var domain = $"m{Guid.NewGuid():N}.example.org";
        var folder = Path.Combine(Path.GetTempPath(), $"gaceta-mailchimp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var name in new[] { "subscribed", "unsubscribed", "cleaned" })
        {
            var source = Path.Combine(Fixtures, $"{name}_members_export_4f2a9c1e0b.csv");
            var file = Path.Combine(folder, Path.GetFileName(source));
            await File.WriteAllTextAsync(file, ExampleDomain().Replace(await File.ReadAllTextAsync(source), "@" + domain));
            files.Add(file);
        }

        return ([.. files], domain);
    }

    [GeneratedRegex("@example\\.org", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExampleDomain();

    private string HashOf(string ip)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<InstallationKeys>().Hash("client-ip", System.Net.IPAddress.Parse(ip).ToString());
    }

    private async Task<bool> SuppressedAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var list = scope.ServiceProvider.GetRequiredService<SuppressionList>();
        return await app.WithDbAsync(db => list.ContainsAsync(db, email, CancellationToken.None));
    }

    private Task<string> LanguageAsync(string email) => app.WithDbAsync(db => db.Subscribers.Where(s => s.Email == email).Select(s => s.Language).SingleAsync());

    private Task<Subscription> SubscriptionAsync(string email) =>
        app.WithDbAsync(db => db.Subscribers.Where(s => s.Email == email).SelectMany(s => s.Subscriptions).Include(s => s.ConsentRecords).AsNoTracking().SingleAsync());
}

[Collection(SqliteHost.Name)]
public sealed class SqliteMailchimpImportTests(SqliteApp app) : MailchimpImportTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresMailchimpImportTests(PostgresApp app) : MailchimpImportTests(app);
