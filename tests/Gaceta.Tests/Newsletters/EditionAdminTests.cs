using System.Net;
using Gaceta.Newsletters;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Newsletters;

/// <summary>Editors compose, preview, test and send editions from the staff area.</summary>
public abstract class EditionAdminTests(GacetaApp app)
{
    [Fact]
    public async Task Editor_ComposesPreviewsTestsAndSendsAnEdition()
    {
        var poll = await app.Polls.CreateAsync();
        var story = await app.Stories.CreateBilingualAsync();
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor, language: "es");

        using var saved = await editor.PostAsync("/admin/editions/edit",
        [
            new("Input.NewsletterId", poll.NewsletterId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.StoryIds", story.StoryId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Subjects[en]", "Harbour week"),
            new("Input.Subjects[es]", "La semana del puerto"),
            new("Input.Intros[en]", "The cranes are back."),
            new("Input.Intros[es]", "Vuelven las grúas."),
            new("intent", "save"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var detail = saved.Headers.Location!.OriginalString;
        var editionId = int.Parse(detail.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        using var preview = await editor.Client.GetAsync(new Uri(detail + "/preview/es", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("Las grúas del puerto vuelven al trabajo", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("style-src 'unsafe-inline'", preview.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", preview.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using (var test = await editor.PostAsync(detail, [], detail + "?handler=Test"))
        {
            Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        }

        var copy = await app.Smtp.WaitForAsync(editor.Email);
        Assert.Equal("[TEST] La semana del puerto", copy.Subject);

        using (var send = await editor.PostAsync(detail, [], detail + "?handler=Send"))
        {
            Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        }

        Assert.Equal(EditionStatus.Sending, await app.WithDbAsync(db => db.Editions.Where(e => e.Id == editionId).Select(e => e.Status).SingleAsync()));
        await app.Services.GetRequiredService<EditionSender>().SendAsync(editionId, null, CancellationToken.None);
        var page = await editor.Client.GetDocumentAsync(detail);
        Assert.Contains("enviada", page.QuerySelector(".article-state").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidEdition_IsRefusedWithLocalizedMessages()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor, language: "es");
        using var response = await editor.PostAsync("/admin/editions/edit", [new("Input.NewsletterId", "0"), new("intent", "schedule"), new("Input.ScheduleAt", "2020-01-01T10:00")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Elija al menos una noticia.", page.QuerySelector("#Stories-error").Text());
        Assert.NotNull(page.QuerySelector("#Subject-es-error"));
        Assert.NotNull(page.QuerySelector("#ScheduleAt-error"));
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteEditionAdminTests(SqliteApp app) : EditionAdminTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresEditionAdminTests(PostgresApp app) : EditionAdminTests(app);
