using System.Globalization;
using Gaceta.Polls;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Polls;

/// <summary>A poll's results for the newsroom at <c>/admin/polls/{id}/results</c>: answers, votes per day, spam.</summary>
public sealed class ResultsModel(ReadPollReport.Handler polls) : AdminPageModel
{
    [FromRoute(Name = "id")]
    public int PollId { get; set; }

    public ReadPollReport.Model Results { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var results = await polls.HandleAsync(new ReadPollReport.Query(PollId, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), cancellationToken);
        if (results is null)
        {
            return NotFound();
        }

        Results = results;
        return Page();
    }
}
