using Gaceta.Newsletters;

namespace Gaceta.Web.Features.Admin.Newsletters;

/// <summary>Newsletter editions at <c>/admin/editions</c>, newest first, with where each stands.</summary>
public sealed class IndexModel(ListEditions.Handler editions) : AdminPageModel
{
    public IReadOnlyList<ListEditions.Row> Editions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Editions = await editions.HandleAsync(new ListEditions.Query(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), cancellationToken);
}
