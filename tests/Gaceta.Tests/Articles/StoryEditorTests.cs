using System.Net;
using Gaceta.Articles;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Articles;

/// <summary>The story editor, publishing, translation and corrections, through the staff pages.</summary>
public abstract class StoryEditorTests(GacetaApp app)
{
    [Fact]
    public async Task Reporter_CannotPublish_ButCanSaveADraft()
    {
        var section = await app.Stories.CreateBilingualAsync();
        using var reporter = await StaffSession.SignInAsync(app, StaffRoles.Reporter);

        using var publish = await reporter.PostAsync("/admin/stories/new", StoryFields(section.SectionId, "Reporter tries to publish", "Publish"), "/admin/stories/new?lang=en");
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);

        using var save = await reporter.PostAsync("/admin/stories/new", StoryFields(section.SectionId, "Reporter files a draft", "Save"), "/admin/stories/new?lang=en");
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var editPath = save.Headers.Location!.OriginalString;

        var fields = await FormFieldsAsync(reporter, editPath);
        using var publishLater = await reporter.PostAsync(editPath, Replace(fields, "intent", "Publish"));
        Assert.Equal(HttpStatusCode.Forbidden, publishLater.StatusCode);

        var status = await app.WithDbAsync(db => db.Articles.Where(a => a.Headline.StartsWith("Reporter")).Select(a => a.Status).ToListAsync());
        Assert.Equal([ArticleStatus.Draft], status);
    }

    [Fact]
    public async Task ScheduledPublishing_FiresAtTheScheduledTime_AndEvictsTheCachedPages()
    {
        var neighbour = await app.Stories.CreateBilingualAsync();
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        var headline = $"Tide tables printed {Guid.NewGuid():N}"[..32];
        using var created = await editor.PostAsync("/admin/stories/new", StoryFields(neighbour.SectionId, headline, "Save"), "/admin/stories/new?lang=en");
        var editPath = created.Headers.Location!.OriginalString;

        var reader = app.CreateReader();
        var sectionPath = neighbour.SectionPathIn("en");
        Assert.DoesNotContain(headline, await reader.GetStringAsync(new Uri(sectionPath, UriKind.Relative)), StringComparison.Ordinal);

        // 11:30 Madrid time is 10:30 UTC; the host's clock reads 09:00 UTC and a few minutes.
        var fields = Replace(await FormFieldsAsync(editor, editPath), "intent", "Schedule");
        fields = Replace(fields, "Input.ScheduleAt", "2026-11-20T11:30");
        using var scheduled = await editor.PostAsync(editPath, fields);
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.DoesNotContain(headline, await reader.GetStringAsync(new Uri(sectionPath, UriKind.Relative)), StringComparison.Ordinal);

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 10, 30, 30, TimeSpan.Zero) > app.Clock.GetUtcNow()
            ? new DateTimeOffset(2026, 11, 20, 10, 30, 30, TimeSpan.Zero)
            : app.Clock.GetUtcNow());
        // The scheduler ticks on the host's clock; give its tick a moment of real time to run.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string section;
        do
        {
            app.Clock.Advance(TimeSpan.FromSeconds(15));
            await Task.Delay(100);
            section = await reader.GetStringAsync(new Uri(sectionPath, UriKind.Relative));
        }
        while (!section.Contains(headline, StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Contains(headline, section, StringComparison.Ordinal);
        Assert.Contains(headline, await reader.GetStringAsync(new Uri("/en/", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdatingAPublishedArticle_EvictsItsPagesInEveryLanguage_AndNoOthers()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var unrelated = await app.Stories.CreateBilingualAsync();
        var reader = app.CreateReader();
        var affected = new[]
        {
            story.PathIn("en"), story.PathIn("es"), "/en/", "/es/", story.SectionPathIn("en"), story.SectionPathIn("es"),
            $"/en/authors/{story.AuthorSlug}", $"/es/autores/{story.AuthorSlug}",
        };
        foreach (var path in affected.Append(unrelated.PathIn("en")))
        {
            (await reader.GetAsync(new Uri(path, UriKind.Relative))).Dispose();
        }

        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        var editPath = $"/admin/stories/{story.StoryId}/en";
        var fields = Replace(await FormFieldsAsync(editor, editPath), "Input.Headline", "Harbour cranes back at work after repairs");
        using var saved = await editor.PostAsync(editPath, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        foreach (var path in affected)
        {
            using var response = await reader.GetAsync(new Uri(path, UriKind.Relative));
            // The output cache marks what it serves from memory with an Age header.
            Assert.False(response.Headers.Age is not null, $"{path} was still served from the cache.");
        }

        Assert.Contains("Harbour cranes back at work after repairs", await reader.GetStringAsync(new Uri("/en/", UriKind.Relative)), StringComparison.Ordinal);
        using var other = await reader.GetAsync(new Uri(unrelated.PathIn("en"), UriKind.Relative));
        Assert.NotNull(other.Headers.Age);
    }

    [Fact]
    public async Task Translator_EditsTranslations_ButNotOriginals()
    {
        var neighbour = await app.Stories.CreateBilingualAsync();
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        using var translator = await StaffSession.SignInAsync(app, StaffRoles.Translator);
        using var created = await editor.PostAsync("/admin/stories/new", StoryFields(neighbour.SectionId, "Bridge repairs begin", "Save"), "/admin/stories/new?lang=en");
        var english = created.Headers.Location!.OriginalString;
        var spanish = english[..^2] + "es";

        var original = await translator.Client.GetDocumentAsync(english);
        Assert.Null(original.QuerySelector("form.story-form"));
        using var refused = await translator.PostAsync(english, StoryFields(neighbour.SectionId, "Translator rewrites the original", "Save"), english);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var translated = await translator.PostAsync(spanish, [new("from", "en")], spanish + "?handler=Translate");
        Assert.Equal(HttpStatusCode.Redirect, translated.StatusCode);
        var form = await translator.Client.GetDocumentAsync(spanish);
        Assert.NotNull(form.QuerySelector("form.story-form"));
        Assert.NotNull(form.QuerySelector("fieldset.story-fields[disabled]"));
        Assert.Null(form.QuerySelector("button[value=Publish]"));
    }

    [Fact]
    public async Task ImageAddedAfterTranslation_LeavesTheTranslationWorkable_AndHiddenUntilDescribed()
    {
        var neighbour = await app.Stories.CreateBilingualAsync();
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        using var created = await editor.PostAsync("/admin/stories/new", StoryFields(neighbour.SectionId, "Market hall roof replaced", "Publish"), "/admin/stories/new?lang=en");
        var english = created.Headers.Location!.OriginalString;
        var spanish = english[..^2] + "es";
        (await editor.PostAsync(spanish, [new("from", "en")], spanish + "?handler=Translate")).Dispose();
        var spanishFields = Replace(await FormFieldsAsync(editor, spanish), "Input.Slug", "tejado-del-mercado-" + Guid.NewGuid().ToString("N")[..6]);
        (await editor.PostAsync(spanish, Replace(spanishFields, "intent", "Publish"))).Dispose();

        // The image arrives later, described in English only.
        var withImage = Replace(Replace(await FormFieldsAsync(editor, english), "Input.ImageUrl", "/images/roof.jpg"), "Input.ImageAlt", "The new roof seen from the quay");
        using (var saved = await editor.PostAsync(english, withImage))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var markFields = await FormFieldsAsync(editor, spanish, "form[action*=MarkUpToDate]");
        using var marked = await editor.PostAsync(spanish, markFields, spanish + "?handler=MarkUpToDate");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        using var corrected = await editor.PostAsync(spanish, [new("correction", "El tejado es de zinc, no de cobre.")], spanish + "?handler=Correct");
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);

        var paths = await app.WithDbAsync(db => db.Articles.Where(a => a.Story.Articles.Any(o => o.Headline == "Market hall roof replaced"))
            .ToDictionaryAsync(a => a.Language, a => ArticlePaths.Article(a.Language, a.PublishedAt!.Value, a.Slug)));
        var reader = app.CreateReader();
        Assert.Equal("The new roof seen from the quay", (await reader.GetDocumentAsync(paths["en"])).QuerySelector(".lead-figure img")!.GetAttribute("alt"));
        Assert.Null((await reader.GetDocumentAsync(paths["es"])).QuerySelector(".lead-figure"));
    }

    [Fact]
    public async Task ConcurrentEdits_ProduceAConflict_NotALostUpdate()
    {
        var neighbour = await app.Stories.CreateBilingualAsync();
        using var first = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        using var second = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        using var created = await first.PostAsync("/admin/stories/new", StoryFields(neighbour.SectionId, "Two editors, one story", "Save"), "/admin/stories/new?lang=en");
        var editPath = created.Headers.Location!.OriginalString;

        // Both open the editor before either saves.
        var firstForm = await FormFieldsAsync(first, editPath);
        var secondForm = await FormFieldsAsync(second, editPath);

        using var firstSave = await first.PostAsync(editPath, Replace(firstForm, "Input.Body", "The first editor's version."));
        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        using var secondSave = await second.PostAsync(editPath, Replace(secondForm, "Input.Body", "The second editor's version."));
        Assert.Equal(HttpStatusCode.Conflict, secondSave.StatusCode);
        var page = Html.Parse(await secondSave.Content.ReadAsStringAsync());
        Assert.Equal("The second editor's version.", page.QuerySelector("#rejected-body").Text());
        Assert.Equal("The first editor's version.", page.QuerySelector("#Body").Text());

        var body = await app.WithDbAsync(db => db.Articles.Where(a => a.Headline == "Two editors, one story").Select(a => a.Body).SingleAsync());
        Assert.Equal("The first editor's version.", body);
    }

    [Fact]
    public async Task OutdatedTranslation_AppearsAfterASourceEdit_AndClearsWithMarkAsUpToDate()
    {
        var neighbour = await app.Stories.CreateBilingualAsync();
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        using var translator = await StaffSession.SignInAsync(app, StaffRoles.Translator);
        var headline = $"Ferry timetable {Guid.NewGuid():N}"[..28];
        using var created = await editor.PostAsync("/admin/stories/new", StoryFields(neighbour.SectionId, headline, "Publish"), "/admin/stories/new?lang=en");
        var english = created.Headers.Location!.OriginalString;
        var spanish = english[..^2] + "es";

        using var translated = await translator.PostAsync(spanish, [new("from", "en")], spanish + "?handler=Translate");
        Assert.Equal(HttpStatusCode.Redirect, translated.StatusCode);
        var fields = Replace(await FormFieldsAsync(translator, spanish), "Input.Headline", "Horario del ferri " + headline[16..]);
        using var savedTranslation = await translator.PostAsync(spanish, Replace(fields, "Input.Body", "El ferri sale a las ocho."));
        Assert.Equal(HttpStatusCode.Redirect, savedTranslation.StatusCode);
        using var publishedTranslation = await editor.PostAsync(spanish, Replace(await FormFieldsAsync(editor, spanish), "intent", "Publish"));
        Assert.Equal(HttpStatusCode.Redirect, publishedTranslation.StatusCode);
        Assert.Contains("up to date", (await translator.Client.GetDocumentAsync(spanish)).QuerySelector(".language-tabs").Text(), StringComparison.Ordinal);

        // The English original changes: the Spanish version is now outdated, for staff and readers alike.
        using var revised = await editor.PostAsync(english, Replace(await FormFieldsAsync(editor, english), "Input.Body", "The ferry now leaves at nine."));
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        var outdated = await translator.Client.GetDocumentAsync(spanish);
        Assert.Contains("outdated", outdated.QuerySelector(".language-tabs").Text(), StringComparison.Ordinal);
        Assert.Contains("The ferry now leaves at nine.", outdated.QuerySelector(".outdated .diff ins").Text(), StringComparison.Ordinal);
        var list = await translator.Client.GetDocumentAsync("/admin/stories?q=" + Uri.EscapeDataString(headline));
        Assert.Contains("outdated", list.QuerySelector("tbody tr").Text(), StringComparison.Ordinal);

        var readerPath = await app.WithDbAsync(db => db.Articles.Where(a => a.Language == "es" && a.Story.Articles.Any(o => o.Headline == headline))
            .Select(a => new { a.PublishedAt, a.Slug }).SingleAsync());
        var spanishPage = ArticlePaths.Article("es", readerPath.PublishedAt!.Value, readerPath.Slug);
        var reader = app.CreateReader();
        var note = (await reader.GetDocumentAsync(spanishPage)).QuerySelector(".outdated-notice");
        Assert.NotNull(note);
        Assert.Contains("se actualizó el", note.Text(), StringComparison.Ordinal);

        var markFields = (await FormFieldsAsync(translator, spanish, "form[action*=MarkUpToDate]")).ToList();
        using var marked = await translator.PostAsync(spanish, markFields, spanish + "?handler=MarkUpToDate");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Contains("up to date", (await translator.Client.GetDocumentAsync(spanish)).QuerySelector(".language-tabs").Text(), StringComparison.Ordinal);
        Assert.Null((await reader.GetDocumentAsync(spanishPage)).QuerySelector(".outdated-notice"));
    }

    [Fact]
    public async Task Correction_AppearsOnTheReaderPage_InBothLanguages()
    {
        var story = await app.Stories.CreateBilingualAsync();
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        var reader = app.CreateReader();
        Assert.Null((await reader.GetDocumentAsync(story.PathIn("en"))).QuerySelector(".corrections"));

        foreach (var (language, text) in new[] { ("en", "An earlier version misspelt the foreman's name."), ("es", "Una versión anterior escribía mal el nombre del capataz.") })
        {
            var editPath = $"/admin/stories/{story.StoryId}/{language}";
            using var response = await editor.PostAsync(editPath, [new("correction", text)], editPath + "?handler=Correct");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var englishPage = await reader.GetDocumentAsync(story.PathIn("en"));
        Assert.Equal("Corrections", englishPage.QuerySelector(".corrections h2").Text());
        Assert.Contains("misspelt the foreman", englishPage.QuerySelector(".corrections").Text(), StringComparison.Ordinal);
        Assert.StartsWith("Updated", englishPage.QuerySelector(".updated").Text(), StringComparison.Ordinal);

        var spanishPage = await reader.GetDocumentAsync(story.PathIn("es"));
        Assert.Equal("Fe de errores", spanishPage.QuerySelector(".corrections h2").Text());
        Assert.Contains("nombre del capataz", spanishPage.QuerySelector(".corrections").Text(), StringComparison.Ordinal);
        Assert.StartsWith("Actualizado", spanishPage.QuerySelector(".updated").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidStory_IsRefusedWithLocalizedMessages_AndNothingIsSaved()
    {
        var neighbour = await app.Stories.CreateBilingualAsync();
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor, language: "es");
        var fields = Replace(StoryFields(neighbour.SectionId, string.Empty, "Save"), "Input.ImageUrl", "javascript:alert(1)");
        using var response = await editor.PostAsync("/admin/stories/new", fields, "/admin/stories/new?lang=en");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Escriba un titular.", page.QuerySelector("#Headline-error").Text());
        Assert.NotNull(page.QuerySelector("#ImageUrl-error"));
        Assert.Equal("true", page.QuerySelector("#Headline")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Revisions_RecordEverySave_AndShowTheDifference()
    {
        var neighbour = await app.Stories.CreateBilingualAsync();
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);
        using var created = await editor.PostAsync("/admin/stories/new", StoryFields(neighbour.SectionId, "Lighthouse keeper retires", "Save"), "/admin/stories/new?lang=en");
        var editPath = created.Headers.Location!.OriginalString;
        using var second = await editor.PostAsync(editPath, Replace(await FormFieldsAsync(editor, editPath), "Input.Body", "After forty years, the keeper hands over the key."));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var revisions = await editor.Client.GetDocumentAsync(editPath + "/revisions");
        Assert.Equal(2, revisions.QuerySelectorAll("#from option").Length);
        Assert.Contains("After forty years", revisions.QuerySelector(".diff ins").Text(), StringComparison.Ordinal);
        Assert.Contains("The harbour", revisions.QuerySelector(".diff del").Text(), StringComparison.Ordinal);
    }

    /// <summary>A complete new-story form.</summary>
    internal static List<KeyValuePair<string, string>> StoryFields(int sectionId, string headline, string intent) =>
    [
        new("Input.SectionId", sectionId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Input.Headline", headline),
        new("Input.Standfirst", "A short line under the headline."),
        new("Input.Body", "The harbour was quiet on Tuesday.\n\nBoats stayed in."),
        new("Input.ImageUrl", string.Empty),
        new("intent", intent),
    ];

    /// <summary>The fields of the page's form as they stand, the way a browser would post them back.</summary>
    internal static async Task<List<KeyValuePair<string, string>>> FormFieldsAsync(StaffSession session, string path, string form = "form.story-form")
    {
        var page = await session.Client.GetDocumentAsync(path);
        var element = page.QuerySelector(form) ?? throw new InvalidOperationException($"{path} has no {form}.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var field in element.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            if (field.Closest("fieldset[disabled]") is not null || field.GetAttribute("name") == "__RequestVerificationToken" || field.GetAttribute("type") == "file")
            {
                continue;
            }

            var name = field.GetAttribute("name")!;
            switch (field)
            {
                case AngleSharp.Html.Dom.IHtmlSelectElement select:
                    fields.AddRange(select.SelectedOptions.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                default:
                    fields.Add(new(name, field.GetAttribute("value") ?? string.Empty));
                    break;
            }
        }

        fields.Add(new("intent", "Save"));
        return fields;
    }

    internal static List<KeyValuePair<string, string>> Replace(IEnumerable<KeyValuePair<string, string>> fields, string name, string value) =>
        fields.Where(f => f.Key != name).Append(new(name, value)).ToList();
}

[Collection(SqliteHost.Name)]
public sealed class SqliteStoryEditorTests(SqliteApp app) : StoryEditorTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresStoryEditorTests(PostgresApp app) : StoryEditorTests(app);
