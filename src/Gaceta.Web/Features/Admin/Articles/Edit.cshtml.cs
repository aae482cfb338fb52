using Gaceta.Articles;
using Gaceta.Site;
using Gaceta.Translations;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Articles;

/// <summary>
/// One language version of a story at <c>/admin/stories/{id}/{lang}</c>: edit, preview, publish, schedule,
/// unpublish, translate, mark a translation up to date, add a correction.
/// </summary>
[RequestSizeLimit(Media.UploadRequests.MaximumBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Media.UploadRequests.MaximumBytes)]
public sealed class EditModel(
    ReadStoryEditor.Handler reader,
    EditStory.Handler editor,
    ReadStoryChoices.Handler storyChoices,
    SiteClock clock,
    ArticleBodyRenderer renderer,
    Gaceta.Media.UploadMedia.Handler upload) : AdminPageModel
{
    public const string SavedNotice = "Saved.";
    public const string PublishedNotice = "Published.";
    public const string ScheduledNotice = "Scheduled.";
    public const string UnpublishedNotice = "Unpublished: readers no longer see this article.";
    public const string ConflictNotice = "Someone else saved this article while you were editing it. Your changes were not saved: the form now shows their version, and your text is below so you can copy what you need.";

    [FromRoute(Name = "id")]
    public int StoryId { get; set; }

    [FromRoute(Name = "lang")]
    public string Lang { get; set; } = string.Empty;

    [BindProperty]
    public StoryInput Input { get; set; } = new();

    public ReadStoryEditor.Model Editor { get; private set; } = null!;

    public StoryFormView Form { get; private set; } = null!;

    /// <summary>The posted text that lost a conflict, shown for copying.</summary>
    public StoryInput? Rejected { get; private set; }

    public IReadOnlyList<BodyBlock>? Preview { get; private set; }

    public string? CorrectionError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = StoryInput.From(Editor);
        await BuildFormAsync(new Dictionary<string, string>(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(EditStory.Intent intent, CancellationToken cancellationToken)
    {
        if (await Input.UploadLeadPhotoAsync(upload, Lang, Actor, cancellationToken) is { } uploadError)
        {
            await LoadAsync(cancellationToken);
            await BuildFormAsync(new Dictionary<string, string> { ["LeadUpload"] = uploadError }, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await editor.HandleAsync(Input.ToCommand(StoryId, Lang, intent, clock, Actor), cancellationToken);
        switch (result.Outcome)
        {
            case EditStory.Outcome.Saved:
                Notify(intent switch
                {
                    EditStory.Intent.Publish => PublishedNotice,
                    EditStory.Intent.Schedule => ScheduledNotice,
                    EditStory.Intent.Unpublish => UnpublishedNotice,
                    _ => SavedNotice,
                });
                return Redirect(EditorPaths.Edit(StoryId, Lang));
            case EditStory.Outcome.Forbidden:
                return Forbid();
            case EditStory.Outcome.NotFound:
                return NotFound();
            case EditStory.Outcome.Conflict:
                Rejected = Input;
                await LoadAsync(cancellationToken);
                Input = StoryInput.From(Editor);
                await BuildFormAsync(new Dictionary<string, string>(), cancellationToken);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case EditStory.Outcome.Invalid:
            default:
                await LoadAsync(cancellationToken);
                await BuildFormAsync(result.Errors, cancellationToken);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    /// <summary>Shows the posted text as readers would see it, without saving.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Preview = renderer.ToBlocks(Input.Body ?? string.Empty);
        await BuildFormAsync(new Dictionary<string, string>(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTranslateAsync(string from, [FromServices] TranslateArticle.Handler translate, CancellationToken cancellationToken)
    {
        var outcome = await translate.HandleAsync(new TranslateArticle.Command(StoryId, from, Lang, Actor), cancellationToken);
        return outcome switch
        {
            TranslateArticle.Outcome.Forbidden => Forbid(),
            TranslateArticle.Outcome.NotFound => NotFound(),
            _ => Redirect(EditorPaths.Edit(StoryId, Lang)),
        };
    }

    public async Task<IActionResult> OnPostMarkUpToDateAsync([FromServices] MarkTranslationUpToDate.Handler mark, CancellationToken cancellationToken)
    {
        var result = await mark.HandleAsync(new MarkTranslationUpToDate.Command(StoryId, Lang, Input.ArticleVersion, Actor), cancellationToken);
        switch (result.Outcome)
        {
            case MarkTranslationUpToDate.Outcome.Forbidden:
                return Forbid();
            case MarkTranslationUpToDate.Outcome.NotFound:
                return NotFound();
            case MarkTranslationUpToDate.Outcome.Conflict:
                Notify(ConflictNotice);
                return Redirect(EditorPaths.Edit(StoryId, Lang));
            case MarkTranslationUpToDate.Outcome.Marked:
            default:
                Notify("Marked as up to date.");
                return Redirect(EditorPaths.Edit(StoryId, Lang));
        }
    }

    public async Task<IActionResult> OnPostCorrectAsync(string? correction, [FromServices] AddCorrection.Handler corrections, CancellationToken cancellationToken)
    {
        var result = await corrections.HandleAsync(new AddCorrection.Command(StoryId, Lang, correction ?? string.Empty, Actor), cancellationToken);
        switch (result.Outcome)
        {
            case AddCorrection.Outcome.Forbidden:
                return Forbid();
            case AddCorrection.Outcome.NotFound:
                return NotFound();
            case AddCorrection.Outcome.Invalid:
                await LoadAsync(cancellationToken);
                Input = StoryInput.From(Editor);
                await BuildFormAsync(new Dictionary<string, string>(), cancellationToken);
                CorrectionError = result.Error;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case AddCorrection.Outcome.Added:
            default:
                Notify("Correction published.");
                return Redirect(EditorPaths.Edit(StoryId, Lang));
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var model = await reader.HandleAsync(new ReadStoryEditor.Query(StoryId, Lang, Actor), cancellationToken);
        if (model is null)
        {
            return false;
        }

        Editor = model;
        return true;
    }

    private async Task BuildFormAsync(IReadOnlyDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var choices = await storyChoices.HandleAsync(new ReadStoryChoices.Query(Lang), cancellationToken);
        Form = new StoryFormView(
            Input,
            Lang,
            choices,
            errors,
            Editor.Can.EditStory,
            Editor.Can.Publish,
            Editor.Status,
            Editor.PublishedAt is not null && Editor.Status != ArticleStatus.Scheduled);
    }
}

/// <summary>Addresses of the story editor's pages.</summary>
public static class EditorPaths
{
    public static string Edit(int storyId, string language) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/admin/stories/{storyId}/{language}");

    public static string Revisions(int storyId, string language) => Edit(storyId, language) + "/revisions";
}
