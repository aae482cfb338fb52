using Gaceta.Newsletters;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Subscribers.Account;

/// <summary><c>/newsletters/archive</c>: the sent editions this subscriber may read, newest first.</summary>
public sealed class ArchiveModel(EditionArchive.Handler archive) : SubscriberPageModel
{
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public EditionArchive.Page Editions { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Editions = await archive.ListAsync(SubscriberId, Language.Code, PageNumber, cancellationToken);
        return Editions.Number != PageNumber && PageNumber != 1 ? NotFound() : Page();
    }
}
