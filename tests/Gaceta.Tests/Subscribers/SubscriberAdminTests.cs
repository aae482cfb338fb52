using System.Net;
using System.Net.Http.Headers;
using Gaceta.Staff;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Gaceta.Tests.Subscribers;

/// <summary>Subscriber administration: import, export, and GDPR access and erasure.</summary>
public abstract class SubscriberAdminTests(GacetaApp app)
{
    [Fact]
    public async Task ImportWithMalformedRows_ReportsEachBadRowByLine_AndImportsNothing()
    {
        var poll = await app.Polls.CreateAsync();
        var newsletter = await NewsletterKeyAsync(poll.NewsletterId!.Value);
        var good = $"good-{Guid.NewGuid():N}@example.org";
        var csv = "email,language,newsletter,consent_source,consented_at\n" +
            $"{good},en,{newsletter},Paper form at the harbour fair,2026-10-03\n" +
            $"not-an-address,en,{newsletter},Paper form,\n" +
            $"other-{Guid.NewGuid():N}@example.org,fr,{newsletter},Paper form,\n" +
            $"third-{Guid.NewGuid():N}@example.org,es,no-such-newsletter,,\n" +
            $"fourth-{Guid.NewGuid():N}@example.org,es,{newsletter},Paper form,03/10/2026\n";
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);

        using var response = await UploadAsync(editor, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".import-errors li").Select(li => li.Text()).ToList();
        Assert.Equal(5, errors.Count);
        Assert.StartsWith("Line 3: Not an email address: not-an-address", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Line 4: Not one of the site's languages: fr", errors[1], StringComparison.Ordinal);
        Assert.All(errors[2..4], e => Assert.StartsWith("Line 5:", e, StringComparison.Ordinal));
        Assert.StartsWith("Line 6: Give consented_at as a date", errors[4], StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == good)));
    }

    [Fact]
    public async Task Import_RecordsWhereConsentCameFrom_AndConfirmsNobody()
    {
        var poll = await app.Polls.CreateAsync();
        var newsletter = await NewsletterKeyAsync(poll.NewsletterId!.Value);
        var first = $"ana-{Guid.NewGuid():N}@example.org";
        var second = $"luis-{Guid.NewGuid():N}@example.org";
        var free = await app.WithDbAsync(async db =>
        {
            var letter = new Gaceta.Newsletters.Newsletter { Key = $"free-{Guid.NewGuid():N}"[..17], CreatedAt = DateTime.UtcNow, Names = [new() { Language = "en", Name = "Harbour weekly" }, new() { Language = "es", Name = "Semanario del puerto" }] };
            db.Newsletters.Add(letter);
            await db.SaveChangesAsync();
            return letter.Key;
        });
        // The second address asks for two newsletters in one file: each subscription gets its confirmation.
        var csv = "email,language,newsletter,consent_source,consented_at\r\n" +
            $"{first},es,{newsletter},\"Paper form, harbour fair\",2026-10-03\r\n" +
            $"{second},en,{newsletter},Paper form,\r\n" +
            $"{second},en,{free},Paper form,\r\n";
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);

        using var response = await UploadAsync(editor, csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var imported = await app.WithDbAsync(db => db.Subscriptions
            .Where(s => s.Subscriber.Email == first || s.Subscriber.Email == second)
            .Select(s => new { s.Status, s.Source, s.ConfirmedAt, Consent = s.ConsentRecords.Select(c => new { c.Text, c.PageUrl, c.ConfirmedAt }).Single() })
            .ToListAsync());
        Assert.Equal(3, imported.Count);
        Assert.All(imported, s =>
        {
            Assert.Equal(SubscriptionStatus.Pending, s.Status);
            Assert.Equal(SubscriptionSource.Import, s.Source);
            Assert.Null(s.ConfirmedAt);
            Assert.Null(s.Consent.ConfirmedAt);
            Assert.StartsWith("import:subscribers.csv#line-", s.Consent.PageUrl, StringComparison.Ordinal);
        });
        Assert.Contains(imported, s => s.Consent.Text == "Paper form, harbour fair (2026-10-03)");
        Assert.Equal(3, await app.WithDbAsync(db => db.OutboundMails.CountAsync(m => m.Recipient == first || m.Recipient == second)));
    }

    [Fact]
    public async Task GdprErase_LeavesNoPersonalDataOfTheSubscriberInAnyTable()
    {
        var poll = await app.Polls.CreateAsync();
        var email = $"erase-{Guid.NewGuid():N}@example.org";
        using (var vote = await app.CreateReader().PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0], email: email, newsletter: true)))
        {
            Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        }

        var subscriberId = await app.WithDbAsync(db => db.Subscribers.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());
        await app.WithDbAsync(db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.SignInLinks.Add(new SignInLink { SubscriberId = subscriberId, CreatedAt = now, ExpiresAt = now.AddHours(1) });
            return db.SaveChangesAsync();
        });
        var emailHash = await app.WithDbAsync(db => db.Votes.Where(v => v.PollId == poll.PollId).Select(v => v.EmailHash).SingleAsync());
        Assert.NotNull(emailHash);
        Assert.NotEmpty(await TablesContainingAsync(email));

        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        var detail = $"/admin/subscribers/{subscriberId}";
        using (var export = await editor.PostAsync(detail, [], detail + "?handler=Export"))
        {
            var json = await export.Content.ReadAsStringAsync();
            Assert.Contains(email, json, StringComparison.Ordinal);
            Assert.Contains(PollFactory.ConsentEn, json, StringComparison.Ordinal);
            using var data = System.Text.Json.JsonDocument.Parse(json);
            Assert.Equal(System.Text.Json.JsonValueKind.Array, data.RootElement.GetProperty("deliveries").ValueKind);
            var signIn = Assert.Single(data.RootElement.GetProperty("signIns").EnumerateArray());
            Assert.True(signIn.TryGetProperty("requestedAt", out _));
        }

        using (var unconfirmed = await editor.PostAsync(detail, [], detail + "?handler=Erase"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        }

        using var erased = await editor.PostAsync(detail, [new("confirm", "true")], detail + "?handler=Erase");
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);

        Assert.Empty(await TablesContainingAsync(email));
        Assert.Empty(await TablesContainingAsync(emailHash));
        Assert.False(await app.WithDbAsync(db => db.SignInLinks.AnyAsync(l => l.SubscriberId == subscriberId)));
        Assert.Equal(1, await app.Polls.StoredVotesAsync(poll.PollId));
        var kept = await app.WithDbAsync(db => db.ErasedSubscriptions.Where(e => e.NewsletterId == poll.NewsletterId).ToListAsync());
        Assert.Contains(kept, e => e.WithdrawnAt == e.ErasedAt);
    }

    [Fact]
    public async Task SubscriberList_FiltersBySearchAndStatus_AndExportsCsv()
    {
        var poll = await app.Polls.CreateAsync();
        var email = $"filter-{Guid.NewGuid():N}@example.org";
        (await app.CreateReader().PostFormAsync(poll.PostPath("es"), Forms.Vote(poll, poll.OptionIds[0], email: email, newsletter: true))).Dispose();
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);

        var found = await editor.Client.GetDocumentAsync($"/admin/subscribers?q={email[..20]}&status=Pending&language=es");
        Assert.Equal([email], found.QuerySelectorAll("tbody tr td:first-child").Select(td => td.Text()));
        var none = await editor.Client.GetDocumentAsync($"/admin/subscribers?q={email[..20]}&status=Active");
        Assert.Empty(none.QuerySelectorAll("tbody tr"));

        using var csv = await editor.Client.GetAsync(new Uri($"/admin/subscribers?handler=Export&q={email[..20]}", UriKind.Relative));
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{email},es,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",Pending,Complimentary,Poll,", lines[1], StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> UploadAsync(StaffSession session, string csv)
    {
        var page = await session.Client.GetDocumentAsync("/admin/subscribers/import");
        var token = page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "subscribers.csv");
        return await session.Client.PostAsync(new Uri("/admin/subscribers/import", UriKind.Relative), content);
    }

    private Task<string> NewsletterKeyAsync(int id) => app.WithDbAsync(db => db.Newsletters.Where(n => n.Id == id).Select(n => n.Key).SingleAsync());

    /// <summary>Every table with a text column holding <paramref name="value"/>, found by asking the database itself.</summary>
    private Task<List<string>> TablesContainingAsync(string value) => app.WithDbAsync(async db =>
    {
        var found = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var entity in db.Model.GetEntityTypes())
            {
                var table = entity.GetTableName();
                if (table is null)
                {
                    continue;
                }

                var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
                foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
                {
                    var column = property.GetColumnName(store);
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" LIKE @value";
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@value";
                    parameter.Value = $"%{value}%";
                    command.Parameters.Add(parameter);
                    if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0)
                    {
                        found.Add($"{table}.{column}");
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return found;
    });
}

[Collection(SqliteHost.Name)]
public sealed class SqliteSubscriberAdminTests(SqliteApp app) : SubscriberAdminTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresSubscriberAdminTests(PostgresApp app) : SubscriberAdminTests(app);
