using Gaceta.Articles;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Articles;

/// <summary>An article's revisions and the difference between any two, at <c>/admin/stories/{id}/{lang}/revisions</c>.</summary>
public sealed class RevisionsModel(ReadRevisions.Handler revisions) : AdminPageModel
{
    [FromRoute(Name = "id")]
    public int StoryId { get; set; }

    [FromRoute(Name = "lang")]
    public string Lang { get; set; } = string.Empty;

    [FromQuery(Name = "from")]
    public int? From { get; set; }

    [FromQuery(Name = "to")]
    public int? To { get; set; }

    public ReadRevisions.Model Revisions { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var model = await revisions.HandleAsync(new ReadRevisions.Query(StoryId, Lang, From, To), cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Revisions = model;
        return Page();
    }
}
