using Gaceta.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Audit;

/// <summary>Who did what and when, for administrators, at <c>/admin/audit</c>.</summary>
public sealed class IndexModel(ReadAuditLog.Handler log) : AdminPageModel
{
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ReadAuditLog.Model Log { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Log = await log.HandleAsync(new ReadAuditLog.Query(PageNumber), cancellationToken);
}
