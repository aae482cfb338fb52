using Gaceta.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Gaceta.Web.Features.Errors;

/// <summary>
/// The page shown in place of a failed request, in the language of the address that failed
/// (see <c>PathLanguageCultureProvider</c>). It keeps the failure's status code and is never cached. A failed
/// JSON API request gets RFC 9457 problem details instead of a page.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class StatusModel : PageModel
{
    [FromRoute(Name = "code")]
    public int Code { get; set; }

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    // The failed request is re-executed with its own method: an API PUT or DELETE gets its problem details too.
    public IActionResult OnPut() => Show();

    public IActionResult OnPatch() => Show();

    public IActionResult OnDelete() => Show();

    private IActionResult Show()
    {
        if (Code is < 400 or > 599)
        {
            Code = 404;
        }

        // A request the server could not read (malformed JSON, an oversized body) is the client's error, not ours.
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad)
        {
            Code = bad.StatusCode;
        }

        Response.StatusCode = Code;
        var failed = HttpContext.RequestedPath();
        if (Api.PublicApi.IsApi(failed) || Admin.AdminArea.IsApi(failed))
        {
            return new ObjectResult(new ProblemDetails { Status = Code, Title = ReasonPhrases.GetReasonPhrase(Code) })
            {
                StatusCode = Code,
                ContentTypes = { "application/problem+json" },
            };
        }

        return Page();
    }
}
