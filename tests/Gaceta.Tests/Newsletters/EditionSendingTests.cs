using Gaceta.Newsletters;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Gaceta.Tests.Newsletters;

/// <summary>Editions sent for real, over sockets, to the test SMTP server.</summary>
public abstract class EditionSendingTests(GacetaApp app)
{
    [Fact]
    public async Task EveryRecipient_GetsOneCopy_InTheirLanguage_WithListHeadersAndBothParts()
    {
        var (editionId, recipients) = await CreateEditionAsync(("en", 2), ("es", 2));

        var progress = await SendAsync(editionId);

        Assert.True(progress.IsFinished);
        Assert.Equal(EditionStatus.Sent, progress.Status);
        Assert.Equal(4, progress.Sent);
        var messageIds = new HashSet<string>();
        foreach (var (email, language) in recipients)
        {
            var copies = app.Smtp.To(email);
            var message = Assert.Single(copies);
            Assert.True(messageIds.Add(message.MessageId!));
            Assert.Equal(language == "es" ? "Boletín del puerto" : "Harbour bulletin", message.Subject);
            var unsubscribe = message.Headers[HeaderId.ListUnsubscribe];
            Assert.Contains("<https://gaceta.test/newsletters/unsubscribe/", unsubscribe, StringComparison.Ordinal);
            Assert.DoesNotContain("mailto:", unsubscribe, StringComparison.Ordinal);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers[HeaderId.ListUnsubscribePost]);
            Assert.Contains(".gaceta.test>", message.Headers[HeaderId.ListId], StringComparison.Ordinal);
            Assert.NotNull(message.TextBody);
            Assert.NotNull(message.HtmlBody);
            Assert.DoesNotContain("<script", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("1 Harbour Street", message.TextBody, StringComparison.Ordinal);
            if (language == "es")
            {
                Assert.Contains("Las grúas del puerto vuelven al trabajo", message.HtmlBody, StringComparison.Ordinal);
                // The English-only story comes in English, with a note saying so.
                Assert.Contains("Aún sin traducir; este es el original en English.", message.TextBody, StringComparison.Ordinal);
                Assert.Contains("Darse de baja", message.HtmlBody, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("Harbour cranes return to work", message.HtmlBody, StringComparison.Ordinal);
                Assert.DoesNotContain("Not yet translated", message.TextBody, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task UnsubscribingMidSend_IsHonoured()
    {
        var (editionId, recipients) = await CreateEditionAsync(("en", 8));
        // The recipient whose delivery comes last in sending order.
        var last = await app.WithDbAsync(db => db.Deliveries.Where(d => d.EditionId == editionId).OrderByDescending(d => d.Id).Select(d => d.Email).FirstAsync());
        var unsubscribed = 0;
        // As soon as the first copy is accepted, the last recipient leaves the list.
        app.Smtp.OnAccepted = _ =>
        {
            if (Interlocked.Exchange(ref unsubscribed, 1) == 0)
            {
                app.WithDbAsync(db => db.Subscriptions.Where(s => s.Subscriber.Email == last)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriptionStatus.Unsubscribed))).GetAwaiter().GetResult();
            }
        };
        try
        {
            var progress = await SendAsync(editionId);

            Assert.True(progress.IsFinished);
            Assert.Equal(1, progress.Excluded);
            Assert.Empty(app.Smtp.To(last));
            Assert.All(recipients.Where(r => r.Email != last), r => Assert.Single(app.Smtp.To(r.Email)));
        }
        finally
        {
            app.Smtp.OnAccepted = null;
        }
    }

    [Fact]
    public async Task TemporaryFailures_AreRetriedLater_PermanentOnes_SuppressTheAddress()
    {
        var (editionId, recipients) = await CreateEditionAsync(("en", 4));
        var busy = recipients[0].Email;
        var gone = recipients[1].Email;
        app.Smtp.Script = (recipient, attempt) =>
            recipient == busy && attempt == 1 ? new SmtpServer.Protocol.SmtpResponse(SmtpServer.Protocol.SmtpReplyCode.MailboxUnavailable - 100, "Mailbox busy, try later")
            : recipient == gone ? new SmtpServer.Protocol.SmtpResponse(SmtpServer.Protocol.SmtpReplyCode.MailboxUnavailable, "No such user")
            : null;
        try
        {
            var first = await SendAsync(editionId);
            Assert.False(first.IsFinished);
            Assert.Equal(2, first.Sent);
            Assert.Equal(1, first.Failed);
            Assert.Equal(1, first.Pending);

            // Nothing is due until the backoff passes.
            Assert.Equal(2, (await SendAsync(editionId)).Sent);
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            var second = await SendAsync(editionId);

            Assert.True(second.IsFinished);
            Assert.Equal(3, second.Sent);
            Assert.Single(app.Smtp.To(busy));
            Assert.Empty(app.Smtp.To(gone));
        }
        finally
        {
            app.Smtp.Script = null;
        }

        // The refused address is suppressed: the next edition leaves it out without trying.
        var (nextEdition, _) = await CreateEditionAsync(("en", 1), extraSubscriber: gone);
        var next = await SendAsync(nextEdition);
        Assert.Equal(1, next.Excluded);
        Assert.Empty(app.Smtp.To(gone));
    }

    [Fact]
    public async Task AConnectionDroppedMidEdition_DoesNotRestartTheEditionFromTheTop()
    {
        var (editionId, recipients) = await CreateEditionAsync(("en", 9));
        var before = app.Smtp.CountsByRecipient;
        app.Smtp.DropConnectionAtMessage = before.Values.Sum() + 4;
        try
        {
            var first = await SendAsync(editionId);
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            var done = first.IsFinished ? first : await SendAsync(editionId);

            Assert.True(done.IsFinished);
            var notes = await app.WithDbAsync(db => db.Deliveries.Where(d => d.EditionId == editionId && d.Note != null).Select(d => d.State + ": " + d.Note).ToListAsync());
            Assert.True(done.Sent == 9, string.Join("\n", notes));
            // Everyone has exactly one copy: what went before the drop was not sent again.
            Assert.All(recipients, r => Assert.Equal(1, app.Smtp.CountsByRecipient.GetValueOrDefault(r.Email.ToLowerInvariant())));
        }
        finally
        {
            app.Smtp.DropConnectionAtMessage = null;
        }
    }

    [Fact]
    public async Task DkimSignature_VerifiesAndCoversTheListUnsubscribeHeaders()
    {
        var generator = new Org.BouncyCastle.Crypto.Generators.RsaKeyPairGenerator();
        generator.Init(new Org.BouncyCastle.Crypto.KeyGenerationParameters(new Org.BouncyCastle.Security.SecureRandom(), 2048));
        var pair = generator.GenerateKeyPair();
        var keyFile = Path.Combine(Path.GetTempPath(), $"gaceta-dkim-{Guid.NewGuid():N}.pem");
        await using (var writer = new StreamWriter(keyFile))
        {
            new Org.BouncyCastle.OpenSsl.PemWriter(writer).WriteObject(pair.Private);
        }

        try
        {
            var (editionId, recipients) = await CreateEditionAsync(("es", 1), start: false);
            var mailOptions = new Gaceta.Mail.MailOptions { From = "Gaceta <newsletters@gaceta.test>", Dkim = { Domain = "gaceta.test", Selector = "news", PrivateKeyPath = keyFile } };
            var mail = new EditionMail(
                Microsoft.Extensions.Options.Options.Create(mailOptions),
                app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Gaceta.Site.SiteOptions>>(),
                app.Services.GetRequiredService<Gaceta.Site.SiteLanguages>(),
                app.Services.GetRequiredService<Gaceta.Articles.ArticleBodyRenderer>(),
                app.Services.GetRequiredService<SubscriptionTokens>());
            var content = await app.WithDbAsync(db => EditionContent.LoadAsync(db, editionId, app.Clock.GetUtcNow().UtcDateTime, CancellationToken.None));
            var message = mail.Compose(mail.Render(content!, "es"), 1, 1, recipients[0].Email);

            // Through bytes and back, as a receiving server sees it.
            using var stream = new MemoryStream();
            await message.WriteToAsync(stream);
            stream.Position = 0;
            var received = await MimeMessage.LoadAsync(stream);
            var signature = received.Headers[received.Headers.IndexOf(HeaderId.DkimSignature)];
            var signed = signature.Value.Split(';').Select(p => p.Trim()).Single(p => p.StartsWith("h=", StringComparison.Ordinal));
            Assert.Contains("list-unsubscribe:", signed.ToLowerInvariant() + ":", StringComparison.Ordinal);
            Assert.Contains("list-unsubscribe-post", signed.ToLowerInvariant(), StringComparison.Ordinal);
            var verifier = new MimeKit.Cryptography.DkimVerifier(new SingleKeyLocator(pair.Public));
            Assert.True(await verifier.VerifyAsync(received, signature));

            // Any change to a signed header breaks the signature.
            received.Headers[HeaderId.ListUnsubscribe] = "<https://attacker.example/unsubscribe>";
            Assert.False(await verifier.VerifyAsync(received, signature));
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    private sealed class SingleKeyLocator(Org.BouncyCastle.Crypto.AsymmetricKeyParameter key) : MimeKit.Cryptography.IDkimPublicKeyLocator
    {
        public Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) => key;

        public Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) => Task.FromResult(key);
    }

    [Fact]
    public async Task ScheduledEditions_StartWhenDue_ButOnesFoundLongOverdueWaitForStaff()
    {
        var (due, _) = await CreateEditionAsync(("en", 2), start: false);
        var (stale, staleRecipients) = await CreateEditionAsync(("en", 2), start: false);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            // One came due a minute ago; the other was due half a day ago, while the host was down.
            await db.Editions.Where(e => e.Id == due).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Scheduled).SetProperty(e => e.ScheduledAt, now.AddMinutes(-1)));
            return await db.Editions.Where(e => e.Id == stale).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EditionStatus.Scheduled).SetProperty(e => e.ScheduledAt, now.AddHours(-13)));
        });

        await using var scope = app.Services.CreateAsyncScope();
        var sending = await scope.ServiceProvider.GetRequiredService<DueEditions.Handler>().HandleAsync(CancellationToken.None);

        Assert.Contains(due, sending);
        Assert.DoesNotContain(stale, sending);
        var statuses = await app.WithDbAsync(db => db.Editions.Where(e => e.Id == due || e.Id == stale).ToDictionaryAsync(e => e.Id, e => e.Status));
        Assert.Equal(EditionStatus.Sending, statuses[due]);
        Assert.Equal(EditionStatus.Overdue, statuses[stale]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Deliveries.CountAsync(d => d.EditionId == stale)));
        Assert.All(staleRecipients, r => Assert.Empty(app.Smtp.To(r.Email)));
    }

    [Fact]
    public async Task StartingTwice_RecordsTheDeliveriesOnce()
    {
        var (editionId, _) = await CreateEditionAsync(("en", 3), start: false);
        await using var scope = app.Services.CreateAsyncScope();
        var first = await scope.ServiceProvider.GetRequiredService<StartEdition.Handler>().HandleAsync(editionId, null, false, CancellationToken.None);
        await using var other = app.Services.CreateAsyncScope();
        var second = await other.ServiceProvider.GetRequiredService<StartEdition.Handler>().HandleAsync(editionId, null, false, CancellationToken.None);

        Assert.Equal(StartEdition.Outcome.Started, first.Outcome);
        Assert.Equal(3, first.Recipients);
        Assert.Equal(StartEdition.Outcome.NotStartable, second.Outcome);
        Assert.Equal(3, await app.WithDbAsync(db => db.Deliveries.CountAsync(d => d.EditionId == editionId)));
    }

    private Task<EditionProgress> SendAsync(int editionId) =>
        app.Services.GetRequiredService<EditionSender>().SendAsync(editionId, null, CancellationToken.None);

    /// <summary>
    /// A free newsletter with confirmed subscribers in the given languages (plus unconfirmed and unsubscribed ones
    /// who must get nothing), and an edition of two stories: one in both languages, one in English only.
    /// </summary>
    private async Task<(int EditionId, List<(string Email, string Language)> Recipients)> CreateEditionAsync(
        (string Language, int Count)[] groups = null!, string? extraSubscriber = null, bool start = true)
    {
        var bilingual = await app.Stories.CreateBilingualAsync();
        var englishOnly = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new("Lighthouse gets a new lamp", "The old lamp served for sixty years.", "Engineers fitted it on Friday."),
        });
        var tag = Guid.NewGuid().ToString("N")[..8];
        var recipients = groups.SelectMany(g => Enumerable.Range(0, g.Count).Select(i => ($"reader{i}-{g.Language}-{tag}@example.org", g.Language))).ToList();
        if (extraSubscriber is not null)
        {
            recipients.Add((extraSubscriber, "en"));
        }

        var editionId = await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var newsletter = new Newsletter
            {
                Key = $"harbour-{tag}",
                CreatedAt = now,
                Names = [new() { Language = "en", Name = "Harbour weekly" }, new() { Language = "es", Name = "Semanario del puerto" }],
            };
            db.Newsletters.Add(newsletter);
            foreach (var (email, language) in recipients)
            {
                var existing = await db.Subscribers.FirstOrDefaultAsync(s => s.Email == email);
                var subscriber = existing ?? db.Subscribers.Add(new Subscriber { Email = email, Language = language, CreatedAt = now }).Entity;
                subscriber.Subscriptions.Add(new Subscription { Newsletter = newsletter, Status = SubscriptionStatus.Active, Grant = AccessGrant.Free, Source = SubscriptionSource.Form, CreatedAt = now, ConfirmedAt = now });
            }

            // Neither of these may receive anything.
            db.Subscribers.Add(new Subscriber { Email = $"pending-{tag}@example.org", Language = "en", CreatedAt = now, Subscriptions = [new() { Newsletter = newsletter, Status = SubscriptionStatus.Pending, Grant = AccessGrant.Free, Source = SubscriptionSource.Form, CreatedAt = now }] });
            db.Subscribers.Add(new Subscriber { Email = $"left-{tag}@example.org", Language = "en", CreatedAt = now, Subscriptions = [new() { Newsletter = newsletter, Status = SubscriptionStatus.Unsubscribed, Grant = AccessGrant.Free, Source = SubscriptionSource.Form, CreatedAt = now, ConfirmedAt = now, UnsubscribedAt = now }] });

            var edition = new Edition
            {
                Newsletter = newsletter,
                Status = EditionStatus.Draft,
                CreatedAt = now,
                Texts =
                [
                    new() { Language = "en", Subject = "Harbour bulletin", Intro = "This week at the **harbour**." },
                    new() { Language = "es", Subject = "Boletín del puerto", Intro = "Esta semana en el **puerto**." },
                ],
                Stories = [new() { StoryId = bilingual.StoryId, Position = 0 }, new() { StoryId = englishOnly.StoryId, Position = 1 }],
            };
            db.Editions.Add(edition);
            await db.SaveChangesAsync();
            return edition.Id;
        });

        if (start)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var started = await scope.ServiceProvider.GetRequiredService<StartEdition.Handler>().HandleAsync(editionId, null, false, CancellationToken.None);
            Assert.Equal(StartEdition.Outcome.Started, started.Outcome);
            Assert.Equal(recipients.Count, started.Recipients);
        }

        return (editionId, recipients);
    }

    private Task<(int EditionId, List<(string Email, string Language)> Recipients)> CreateEditionAsync(params (string Language, int Count)[] groups) =>
        CreateEditionAsync(groups, null, true);

    private Task<(int EditionId, List<(string Email, string Language)> Recipients)> CreateEditionAsync((string Language, int Count) group, string? extraSubscriber = null, bool start = true) =>
        CreateEditionAsync([group], extraSubscriber, start);
}

[Collection(SqliteHost.Name)]
public sealed class SqliteEditionSendingTests(SqliteApp app) : EditionSendingTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresEditionSendingTests(PostgresApp app) : EditionSendingTests(app);
