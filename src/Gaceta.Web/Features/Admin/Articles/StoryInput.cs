using System.Globalization;
using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Site;

namespace Gaceta.Web.Features.Admin.Articles;

/// <summary>The story editor's form fields, as posted.</summary>
public sealed class StoryInput
{
    public int SectionId { get; set; }

    public List<int> AuthorIds { get; set; } = [];

    public string? WireCredit { get; set; }

    public string? ImageUrl { get; set; }

    public string? ImageCredit { get; set; }

    public int? LeadMediaId { get; set; }

    /// <summary>A photo uploaded from the editor: it joins the library and becomes the lead photo.</summary>
    public IFormFile? LeadUpload { get; set; }

    public string Headline { get; set; } = string.Empty;

    public string Standfirst { get; set; } = string.Empty;

    public string? Slug { get; set; }

    public string Body { get; set; } = string.Empty;

    public string? ImageAlt { get; set; }

    public int StoryVersion { get; set; }

    public int ArticleVersion { get; set; }

    /// <summary>A local time in the newsroom's zone, as a <c>datetime-local</c> field sends it.</summary>
    public string? ScheduleAt { get; set; }

    public static StoryInput From(ReadStoryEditor.Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new StoryInput
        {
            SectionId = model.Story.SectionId,
            AuthorIds = model.Story.AuthorIds.ToList(),
            WireCredit = model.Story.WireCredit,
            ImageUrl = model.Story.ImageUrl,
            ImageCredit = model.Story.ImageCredit,
            LeadMediaId = model.Story.LeadMediaId,
            Headline = model.Article.Headline,
            Standfirst = model.Article.Standfirst,
            Slug = model.Article.Slug,
            Body = model.Article.Body,
            ImageAlt = model.Article.ImageAlt,
            StoryVersion = model.StoryVersion,
            ArticleVersion = model.ArticleVersion,
        };
    }

    /// <summary>
    /// Puts an uploaded lead photo into the library, described with the article's alternative text and the image
    /// credit, and names it as the lead photo. Nothing is uploaded when no file was chosen.
    /// </summary>
    /// <returns>Why the upload was refused (one of <see cref="Gaceta.Media.MediaErrors"/>), or null.</returns>
    public async Task<string?> UploadLeadPhotoAsync(Gaceta.Media.UploadMedia.Handler upload, string language, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (LeadUpload is not { } file)
        {
            return null;
        }

        Gaceta.Media.UploadMedia.Result result;
        await using (var content = file.OpenReadStream())
        {
            result = await upload.HandleAsync(
                new Gaceta.Media.UploadMedia.Command(file.FileName, content, ImageCredit, new Dictionary<string, Gaceta.Media.UploadMedia.TextInput> { [language] = new(ImageAlt, null) }, actor),
                cancellationToken);
        }

        switch (result.Outcome)
        {
            case Gaceta.Media.UploadMedia.Outcome.Saved or Gaceta.Media.UploadMedia.Outcome.AlreadyThere:
                LeadMediaId = result.Id;
                return null;
            case Gaceta.Media.UploadMedia.Outcome.Forbidden:
                return Gaceta.Media.MediaErrors.UploadForbidden;
            default:
                return result.Error;
        }
    }

    public EditStory.Command ToCommand(int? storyId, string language, EditStory.Intent intent, SiteClock clock, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(clock);
        DateTime? scheduleAt = DateTime.TryParse(ScheduleAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? clock.FromLocal(local)
            : null;
        return new EditStory.Command(
            storyId,
            language,
            StoryVersion,
            ArticleVersion,
            new EditStory.StoryFields(SectionId, AuthorIds, WireCredit, ImageUrl, ImageCredit, LeadMediaId),
            new EditStory.ArticleFields(Headline ?? string.Empty, Standfirst ?? string.Empty, Slug, Body ?? string.Empty, ImageAlt),
            intent,
            scheduleAt,
            actor);
    }
}

/// <summary>What the shared story form needs to draw itself.</summary>
public sealed record StoryFormView(
    StoryInput Input,
    string Language,
    ReadStoryChoices.Model Choices,
    IReadOnlyDictionary<string, string> Errors,
    bool CanEditStory,
    bool CanPublish,
    ArticleStatus? Status,
    bool IsPublished);
