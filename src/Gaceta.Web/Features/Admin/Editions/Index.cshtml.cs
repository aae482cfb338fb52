using Gaceta.Data;
using Gaceta.Newsletters;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Web.Features.Admin.Editions;

/// <summary>Newsletter editions at <c>/admin/editions</c>, newest first, with where each stands.</summary>
public sealed class IndexModel(GacetaDb db) : AdminPageModel
{
    public sealed record Row(int Id, string Newsletter, string Subject, EditionStatus Status, DateTime? ScheduledAt, DateTime? StartedAt, int Recipients);

    public IReadOnlyList<Row> Editions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var editions = await db.Editions.AsNoTracking().Include(e => e.Newsletter)
            .OrderByDescending(e => e.Id).Take(100).ToListAsync(cancellationToken);
        Editions = editions.Select(e => new Row(
            e.Id,
            e.Newsletter.NameIn(language)?.Name ?? e.Newsletter.Key,
            (e.TextIn(language) ?? e.Texts.FirstOrDefault())?.Subject ?? string.Empty,
            e.Status,
            e.ScheduledAt,
            e.StartedAt,
            e.Recipients)).ToList();
    }
}
