using System.Globalization;
using Gaceta.Articles;
using Gaceta.Newsletters;
using Gaceta.Polls;
using Gaceta.Site;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Newsletters;

/// <summary>
/// Composing an edition at <c>/admin/editions/edit/{id?}</c>: newsletter, stories (chosen, or the latest from a
/// section), subject and intro per language; save as draft or schedule.
/// </summary>
public sealed class EditModel(
    ReadEdition.Handler editions,
    ReadEditionChoices.Handler choices,
    LatestFromSection.Handler latest,
    ComposeEdition.Handler compose,
    SiteClock clock,
    SiteLanguages languages) : AdminPageModel
{
    public const string SavedNotice = "Edition saved.";
    public const string ConflictNotice = "This edition changed since you opened it (someone saved it, or it started sending). Your changes were not saved.";

    [FromRoute(Name = "id")]
    public int? EditionId { get; set; }

    [BindProperty]
    public EditionInput Input { get; set; } = new();

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<ReadPollNewsletterChoices.Choice> Newsletters { get; private set; } = [];

    /// <summary>Recent published stories to choose from, headline in the staff member's language when there is one.</summary>
    public IReadOnlyList<(int Id, string Headline)> Stories { get; private set; } = [];

    public IReadOnlyList<ReadStoryChoices.Choice> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (EditionId is { } id)
        {
            var edition = await editions.HandleAsync(new ReadEdition.Query(id, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), cancellationToken);
            if (edition is null)
            {
                return NotFound();
            }

            if (edition.Status is EditionStatus.Sending or EditionStatus.Sent)
            {
                return Redirect(string.Create(CultureInfo.InvariantCulture, $"/admin/editions/{id}"));
            }

            Input = EditionInput.From(edition, clock);
        }

        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? intent, CancellationToken cancellationToken)
    {
        var result = await compose.HandleAsync(Input.ToCommand(EditionId, intent == "schedule", clock, languages, Actor), cancellationToken);
        switch (result.Outcome)
        {
            case ComposeEdition.Outcome.NotFound:
                return NotFound();
            case ComposeEdition.Outcome.Conflict:
                Notify(ConflictNotice);
                return Redirect(string.Create(CultureInfo.InvariantCulture, $"/admin/editions/{result.EditionId}"));
            case ComposeEdition.Outcome.Saved:
                Notify(SavedNotice);
                return Redirect(string.Create(CultureInfo.InvariantCulture, $"/admin/editions/{result.EditionId}"));
            default:
                Errors = result.Errors;
                await LoadChoicesAsync(cancellationToken);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }

    /// <summary>Fills the story list with the latest from a section since the newsletter's last edition, without saving.</summary>
    public async Task<IActionResult> OnPostLatestAsync(int sectionId, CancellationToken cancellationToken)
    {
        Input.StoryIds = (await latest.HandleAsync(new LatestFromSection.Query(Input.NewsletterId, sectionId), cancellationToken)).ToList();
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        var offered = await choices.HandleAsync(new ReadEditionChoices.Query(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, Input.StoryIds), cancellationToken);
        Newsletters = offered.Newsletters;
        Sections = offered.Sections;
        Stories = offered.Stories;
    }
}

/// <summary>The edition form's fields.</summary>
public sealed class EditionInput
{
    public int Version { get; set; }

    public int NewsletterId { get; set; }

    public List<int> StoryIds { get; set; } = [];

    public Dictionary<string, string?> Subjects { get; set; } = [];

    public Dictionary<string, string?> Intros { get; set; } = [];

    /// <summary>A local time in the newsroom's zone.</summary>
    public string? ScheduleAt { get; set; }

    public static EditionInput From(ReadEdition.Model edition, SiteClock clock)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(clock);
        return new EditionInput
        {
            Version = edition.Version,
            NewsletterId = edition.NewsletterId,
            StoryIds = [.. edition.StoryIds],
            Subjects = edition.Texts.ToDictionary(t => t.Key, t => t.Value.Subject),
            Intros = edition.Texts.ToDictionary(t => t.Key, t => t.Value.Intro),
            ScheduleAt = edition.ScheduledAt is { } at ? clock.ToLocal(at).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : null,
        };
    }

    public ComposeEdition.Command ToCommand(int? editionId, bool schedule, SiteClock clock, SiteLanguages languages, Gaceta.Audit.Actor actor)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(languages);
        DateTime? at = schedule && DateTime.TryParse(ScheduleAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? clock.FromLocal(local) : null;
        return new ComposeEdition.Command(
            editionId,
            Version,
            NewsletterId,
            StoryIds,
            languages.All.ToDictionary(l => l.Code, l => new ComposeEdition.Text(Subjects.GetValueOrDefault(l.Code), Intros.GetValueOrDefault(l.Code))),
            schedule ? at ?? DateTime.MinValue : null,
            actor);
    }
}
