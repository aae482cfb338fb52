using Gaceta.Redirects;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Redirects;

/// <summary>
/// <c>/admin/redirects</c>: the old addresses that answer 301 (imported permalinks, changed slugs, added ones),
/// searchable; editors add one or remove one.
/// </summary>
public sealed class IndexModel(ListRedirects.Handler list) : AdminPageModel
{
    public const string Added = "The old address now leads to the new one.";
    public const string Removed = "The old address was removed: it answers “not found” again.";

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? To { get; set; }

    public string? Error { get; private set; }

    public ListRedirects.Model Redirects { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromServices] AddRedirect.Handler add, CancellationToken cancellationToken)
    {
        var result = await add.HandleAsync(new AddRedirect.Command(From, To, Actor), cancellationToken);
        switch (result.Outcome)
        {
            case AddRedirect.Outcome.Added:
                Notify(Added);
                return Redirect("/admin/redirects");
            case AddRedirect.Outcome.Forbidden:
                return Forbid();
            default:
                Error = result.Error;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                await LoadAsync(cancellationToken);
                return Page();
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, [FromServices] RemoveRedirect.Handler remove, CancellationToken cancellationToken)
    {
        switch (await remove.HandleAsync(new RemoveRedirect.Command(id, Actor), cancellationToken))
        {
            case RemoveRedirect.Outcome.Forbidden:
                return Forbid();
            case RemoveRedirect.Outcome.NotFound:
                return NotFound();
            default:
                Notify(Removed);
                return Redirect("/admin/redirects");
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Redirects = await list.HandleAsync(new ListRedirects.Query(Search, PageNumber), cancellationToken);
}
