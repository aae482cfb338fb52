using System.Globalization;
using Gaceta.Audit;
using Gaceta.Polls;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Polls;

/// <summary>A poll's votes as a CSV download.</summary>
public sealed class VotesModel(ExportVotes.Handler votes, AuditLog audit) : AdminPageModel
{
    [FromRoute(Name = "id")]
    public int PollId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var csv = await votes.HandleAsync(new ExportVotes.Query(PollId), cancellationToken);
        if (csv is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(Actor, AuditActions.PollVotesExported, string.Create(CultureInfo.InvariantCulture, $"poll {PollId}"), cancellationToken);
        return CsvFile(csv, string.Create(CultureInfo.InvariantCulture, $"poll-{PollId}-votes.csv"));
    }
}
