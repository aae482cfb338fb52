using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin;

/// <summary>The staff area starts at the story list.</summary>
public sealed class IndexModel : AdminPageModel
{
    public IActionResult OnGet() => Redirect("/admin/stories");
}
