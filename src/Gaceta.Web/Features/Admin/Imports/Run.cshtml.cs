using Gaceta.Importing;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Imports;

/// <summary><c>/admin/imports/{id}</c>: one past import's counts and the lines of its report that need a look.</summary>
public sealed class RunModel(ReadImportRun.Handler read) : AdminPageModel
{
    [FromRoute(Name = "id")]
    public int Id { get; set; }

    public ImportRun Run { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await read.HandleAsync(new ReadImportRun.Query(Id), cancellationToken) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        return Page();
    }
}
