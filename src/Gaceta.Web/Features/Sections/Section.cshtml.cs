using Gaceta.Sections;
using Gaceta.Site;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Sections;

/// <summary>A section's listing at <c>/{lang}/{section-slug}/</c>.</summary>
public sealed class SectionModel(ReadSection.Handler sections, SiteLanguages languages) : ListingPageModel
{
    [FromRoute(Name = "slug")]
    public string Slug { get; set; } = string.Empty;

    public ReadSection.Model Section { get; private set; } = null!;

    public PagerModel Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var section = await sections.HandleAsync(new ReadSection.Query(Lang, Slug, PageNumber), cancellationToken);
        if (section is null || IsMissing(section.Articles))
        {
            return NotFound();
        }

        Section = section;
        Pager = new PagerModel(section.Path, section.Articles.Number, section.Articles.TotalPages);
        var alternates = section.Translations
            .Select(t => new Alternate(t.Language, t.Path))
            .Append(new Alternate(Lang, section.Path))
            .OrderBy(a => languages.All.ToList().FindIndex(l => l.Code == a.Language))
            .ToList();
        Head = new ReaderHead(section.Name, null, Pager.PathFor(PageNumber), alternates);

        HttpContext.TagReaderCache(
            section.Articles.Items.Select(i => ReaderCache.Story(i.StoryId)).Append(ReaderCache.SectionListing(section.SectionId)));
        AllowPublicCaching();
        return Page();
    }
}
