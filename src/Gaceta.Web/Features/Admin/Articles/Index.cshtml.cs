using Gaceta.Articles;
using Gaceta.Staff;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Articles;

/// <summary>The story list at <c>/admin/stories</c>, with each language's status and translation state.</summary>
public sealed class IndexModel(ListStories.Handler stories) : AdminPageModel
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ListStories.Model Stories { get; private set; } = null!;

    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Stories = await stories.HandleAsync(new ListStories.Query(Search, PageNumber), cancellationToken);
        CanCreate = Actor.CanCreateStories();
    }
}
