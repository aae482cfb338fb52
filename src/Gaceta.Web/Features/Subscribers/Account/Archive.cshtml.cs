using Gaceta.Newsletters;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Subscribers.Account;

/// <summary><c>/newsletters/archive</c>: the sent editions this subscriber may read, newest first.</summary>
public sealed class ArchiveModel(ListArchivedEditions.Handler archive) : SubscriberPageModel
{
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ListArchivedEditions.Page Editions { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Editions = await archive.HandleAsync(new ListArchivedEditions.Query(SubscriberId, Language.Code, PageNumber), cancellationToken);
        return Editions.Number != PageNumber && PageNumber != 1 ? NotFound() : Page();
    }
}
