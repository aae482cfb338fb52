using Gaceta.Importing;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Imports;

/// <summary><c>/admin/imports</c>: past imports (the command line runs them), newest first, with their counts.</summary>
public sealed class IndexModel(ListImportRuns.Handler list) : AdminPageModel
{
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ListImportRuns.Row> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Runs = await list.HandleAsync(new ListImportRuns.Query(PageNumber), cancellationToken);
}
