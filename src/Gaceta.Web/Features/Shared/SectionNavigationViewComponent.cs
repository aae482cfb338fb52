using Gaceta.Sections;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Shared;

/// <summary>The masthead's list of sections in the page's language.</summary>
public sealed class SectionNavigationViewComponent(ListSections.Handler sections) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string language) =>
        View(await sections.HandleAsync(new ListSections.Query(language), HttpContext.RequestAborted));
}
