using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaceta.Web.Features.Errors;

/// <summary>
/// The page shown in place of a failed request, in the language of the address that failed
/// (see <c>PathLanguageCultureProvider</c>). It keeps the failure's status code and is never cached.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class StatusModel : PageModel
{
    [FromRoute(Name = "code")]
    public int Code { get; set; }

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    private PageResult Show()
    {
        if (Code is < 400 or > 599)
        {
            Code = 404;
        }

        Response.StatusCode = Code;
        return Page();
    }
}
