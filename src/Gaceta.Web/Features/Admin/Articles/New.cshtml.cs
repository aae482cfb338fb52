using Gaceta.Articles;
using Gaceta.Site;
using Gaceta.Staff;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Articles;

/// <summary>A new story, written first in one language, at <c>/admin/stories/new?lang=es</c>.</summary>
[RequestSizeLimit(Media.UploadRequests.MaximumBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Media.UploadRequests.MaximumBytes)]
public sealed class NewModel(EditStory.Handler editor, ReadStoryChoices.Handler storyChoices, SiteClock clock, SiteLanguages languages, Gaceta.Media.UploadMedia.Handler upload) : AdminPageModel
{
    [BindProperty(SupportsGet = true, Name = "lang")]
    public string? Lang { get; set; }

    [BindProperty]
    public StoryInput Input { get; set; } = new();

    public StoryFormView Form { get; private set; } = null!;

    public string Language => languages.IsSupported(Lang) ? Lang! : languages.Default.Code;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Actor.CanCreateStories())
        {
            return Forbid();
        }

        await BuildFormAsync(new Dictionary<string, string>(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(EditStory.Intent intent, CancellationToken cancellationToken)
    {
        if (await Input.UploadLeadPhotoAsync(upload, Language, Actor, cancellationToken) is { } uploadError)
        {
            await BuildFormAsync(new Dictionary<string, string> { ["LeadUpload"] = uploadError }, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await editor.HandleAsync(Input.ToCommand(null, Language, intent, clock, Actor), cancellationToken);
        switch (result.Outcome)
        {
            case EditStory.Outcome.Saved:
                Notify(EditModel.SavedNotice);
                return Redirect(EditorPaths.Edit(result.StoryId, Language));
            case EditStory.Outcome.Forbidden:
                return Forbid();
            default:
                await BuildFormAsync(result.Errors, cancellationToken);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    private async Task BuildFormAsync(IReadOnlyDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var choices = await storyChoices.HandleAsync(new ReadStoryChoices.Query(Language), cancellationToken);
        Form = new StoryFormView(Input, Language, choices, errors, CanEditStory: true, Actor.CanPublish(), null, IsPublished: false);
    }
}
