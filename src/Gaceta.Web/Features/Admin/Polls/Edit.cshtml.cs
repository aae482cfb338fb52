using System.Globalization;
using Gaceta.Polls;
using Gaceta.Site;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Polls;

/// <summary>A new poll at <c>/admin/polls/edit</c>, an existing one at <c>/admin/polls/edit/{id}</c>.</summary>
public sealed class EditModel(ReadPollEditor.Handler polls, ReadPollNewsletterChoices.Handler newsletters, EditPoll.Handler editor, SiteClock clock) : AdminPageModel
{
    public const string SavedNotice = "Poll saved.";
    public const string ConflictNotice = "Someone else saved this poll while you were editing it. Your changes were not saved; the form now shows their version.";

    [FromRoute(Name = "id")]
    public int? PollId { get; set; }

    [BindProperty]
    public PollInput Input { get; set; } = new();

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<ReadPollNewsletterChoices.Choice> Newsletters { get; private set; } = [];

    public IReadOnlyDictionary<string, int> ConsentVersions { get; private set; } = new Dictionary<string, int>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        ReadPollEditor.Model? poll = null;
        if (PollId is { } id && (poll = await polls.HandleAsync(new ReadPollEditor.Query(id), cancellationToken)) is null)
        {
            return NotFound();
        }

        Input = PollInput.From(poll, clock);
        ConsentVersions = poll?.ConsentVersions ?? new Dictionary<string, int>();
        Newsletters = await newsletters.HandleAsync(new ReadPollNewsletterChoices.Query(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await editor.HandleAsync(Input.ToCommand(PollId, clock, Actor), cancellationToken);
        switch (result.Outcome)
        {
            case EditPoll.Outcome.NotFound:
                return NotFound();
            case EditPoll.Outcome.Conflict:
                Notify(ConflictNotice);
                return Redirect(string.Create(CultureInfo.InvariantCulture, $"/admin/polls/edit/{result.PollId}"));
            case EditPoll.Outcome.Saved:
                Notify(SavedNotice);
                return Redirect(string.Create(CultureInfo.InvariantCulture, $"/admin/polls/edit/{result.PollId}"));
            default:
                Errors = result.Errors;
                Input.AddBlankOptions();
                ConsentVersions = PollId is { } id ? (await polls.HandleAsync(new ReadPollEditor.Query(id), cancellationToken))?.ConsentVersions ?? new Dictionary<string, int>() : new Dictionary<string, int>();
                Newsletters = await newsletters.HandleAsync(new ReadPollNewsletterChoices.Query(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), cancellationToken);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }
    }
}
