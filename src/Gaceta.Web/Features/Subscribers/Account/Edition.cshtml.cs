using Gaceta.Articles;
using Gaceta.Newsletters;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Subscribers.Account;

/// <summary>
/// <c>/newsletters/archive/{id}</c>: one sent edition in the subscriber's language. A premium edition without
/// a grant is refused (403); a draft or an edition still sending is not there (404).
/// </summary>
public sealed class EditionModel(ReadArchivedEdition.Handler archive, ArticleBodyRenderer renderer) : SubscriberPageModel
{
    [FromRoute(Name = "id")]
    public int Id { get; set; }

    public ReadArchivedEdition.Reading Edition { get; private set; } = null!;

    /// <summary>The intro rendered from Markdown with the site's sanitizing renderer.</summary>
    public string IntroHtml { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Edition = await archive.HandleAsync(new ReadArchivedEdition.Query(SubscriberId, Id, Language.Code), cancellationToken);
        switch (Edition.Access)
        {
            case ReadArchivedEdition.Access.NotFound:
                return NotFound();
            case ReadArchivedEdition.Access.Forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            default:
                IntroHtml = string.Concat(renderer.ToBlocks(Edition.Intro).Select(b => b.Html));
                return Page();
        }
    }
}
