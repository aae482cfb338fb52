using System.Net;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Polls;

/// <summary>Editors create and edit polls, read results with spam apart, and export votes.</summary>
public abstract class PollAdminTests(GacetaApp app)
{
    [Fact]
    public async Task Editor_CreatesAPoll_AndAChangedConsentTextBecomesANewVersion()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        var newsletterId = (await app.Polls.CreateAsync()).NewsletterId!.Value;
        var key = $"ferry-{Guid.NewGuid():N}"[..20];
        using var created = await editor.PostAsync("/admin/polls/edit", PollFields(key, newsletterId, "I agree to receive the newsletter."));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editPath = created.Headers.Location!.OriginalString;

        using var edited = await editor.PostAsync(editPath, PollFields(key, newsletterId, "I agree to receive the newsletter every week.", existing: await OptionIdsAsync(key), version: 1));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var versions = await app.WithDbAsync(db => db.Polls.Where(p => p.Key == key)
            .SelectMany(p => p.ConsentTexts.Where(c => c.Language == "en").OrderBy(c => c.Version).Select(c => c.Text)).ToListAsync());
        Assert.Equal(["I agree to receive the newsletter.", "I agree to receive the newsletter every week."], versions);
        Assert.Equal(2, (await OptionIdsAsync(key)).Count);
        var form = await editor.Client.GetDocumentAsync(editPath);
        Assert.Contains($"{{{{poll:{key}}}}}", form.QuerySelector("#key-hint").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentPollEdits_AreRefused_NotSilentlyMerged()
    {
        using var first = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        using var second = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        var key = $"tram-{Guid.NewGuid():N}"[..19];
        using var created = await first.PostAsync("/admin/polls/edit", PollFields(key, null, null));
        var editPath = created.Headers.Location!.OriginalString;
        var options = await OptionIdsAsync(key);

        // The first editor adds a third answer; the second saves from the form they opened before that.
        var withThird = PollFields(key, null, null, existing: options, version: 1);
        withThird.AddRange([new("Input.Options[2].Texts[en]", "Only in summer"), new("Input.Options[2].Texts[es]", "Solo en verano")]);
        using var added = await first.PostAsync(editPath, withThird);
        using var stale = await second.PostAsync(editPath, PollFields(key, null, null, existing: options, version: 1));

        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.Contains("Someone else saved this poll", (await second.Client.GetDocumentAsync(editPath)).QuerySelector(".notice").Text(), StringComparison.Ordinal);
        Assert.Equal(3, (await OptionIdsAsync(key)).Count);
    }

    [Fact]
    public async Task InvalidPoll_IsRefusedWithEveryProblem_InTheEditorsLanguage()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor, language: "es");
        var fields = PollFields("Not A Key", null, null).Where(f => f.Key != "Input.Questions[es]" && !f.Key.StartsWith("Input.Options[1]", StringComparison.Ordinal)).ToList();
        using var response = await editor.PostAsync("/admin/polls/edit", fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Dé al menos dos respuestas.", page.QuerySelector("#Options-error").Text());
        Assert.NotNull(page.QuerySelector("#Key-error"));
        Assert.NotNull(page.QuerySelector("#Question-es-error"));
    }

    [Fact]
    public async Task Results_CountVotesAndSpamApart_AndVotesExportAsCsv()
    {
        var poll = await app.Polls.CreateAsync();
        var reader = app.CreateReader();
        (await reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0]))).Dispose();
        (await reader.PostFormAsync(poll.PostPath("es"), Forms.Vote(poll, poll.OptionIds[1]))).Dispose();
        (await reader.PostFormAsync(poll.PostPath("es"), Forms.Vote(poll, poll.OptionIds[1]))).Dispose();
        (await reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0], honeypot: "https://spam.example"))).Dispose();

        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        var results = await editor.Client.GetDocumentAsync($"/admin/polls/{poll.PollId}/results");
        var state = results.QuerySelector(".article-state").Text();
        Assert.Contains("3 votes counted", state, StringComparison.Ordinal);
        Assert.Contains("1 spam submissions", state, StringComparison.Ordinal);
        Assert.Equal(["1", "2"], results.QuerySelectorAll(".poll-bars meter").Select(m => m.GetAttribute("value") == "33" ? "1" : "2"));
        Assert.Equal("{{poll:" + poll.Key + "}}", results.QuerySelector("#embed-marker")!.GetAttribute("value"));
        Assert.Single(results.QuerySelectorAll("tbody tr"));

        using var csv = await editor.Client.GetAsync(new Uri($"/admin/polls/{poll.PollId}/votes.csv", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("vote_id,cast_at_utc,answer_number,answer,language,gave_email", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal(2, lines.Count(l => l.EndsWith(",es,no", StringComparison.Ordinal)));
    }

    private Task<List<int>> OptionIdsAsync(string key) =>
        app.WithDbAsync(db => db.Polls.Where(p => p.Key == key).SelectMany(p => p.Options.OrderBy(o => o.Position).Select(o => o.Id)).ToListAsync());

    private static List<KeyValuePair<string, string>> PollFields(string key, int? newsletterId, string? consentEn, List<int>? existing = null, int version = 0)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Key", key),
            new("Input.Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Questions[en]", "Should the ferry run at night?"),
            new("Input.Questions[es]", "¿Debería el ferri navegar de noche?"),
            new("Input.Options[0].Texts[en]", "Yes"),
            new("Input.Options[0].Texts[es]", "Sí"),
            new("Input.Options[1].Texts[en]", "No"),
            new("Input.Options[1].Texts[es]", "No"),
            new("Input.NewsletterId", newsletterId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty),
        };
        for (var i = 0; i < (existing?.Count ?? 0); i++)
        {
            fields.Add(new($"Input.Options[{i}].Id", existing![i].ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (consentEn is not null)
        {
            fields.Add(new("Input.Consent[en]", consentEn));
            fields.Add(new("Input.Consent[es]", "Acepto recibir el boletín."));
        }

        return fields;
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqlitePollAdminTests(SqliteApp app) : PollAdminTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresPollAdminTests(PostgresApp app) : PollAdminTests(app);
