using Gaceta.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaceta.Web.Features.Admin;

/// <summary>Base of every staff page: the signed-in staff member as the core's <see cref="Gaceta.Audit.Actor"/>.</summary>
public abstract class AdminPageModel : PageModel
{
    protected Actor Actor => User.ToActor();

    /// <summary>Shows <paramref name="message"/> (an interface text key) on the next page, after a redirect.</summary>
    protected void Notify(string message) => TempData["Notice"] = message;

    /// <summary>A CSV download in UTF-8 with a byte-order mark, so spreadsheets read accents right.</summary>
    protected FileContentResult CsvFile(string csv, string fileName) =>
        File([.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(csv)], "text/csv; charset=utf-8", fileName);
}
