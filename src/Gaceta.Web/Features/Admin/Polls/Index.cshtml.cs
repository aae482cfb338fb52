using System.Globalization;
using Gaceta.Polls;

namespace Gaceta.Web.Features.Admin.Polls;

/// <summary>Polls at <c>/admin/polls</c>: their state, votes and spam.</summary>
public sealed class IndexModel(ListPolls.Handler polls) : AdminPageModel
{
    public IReadOnlyList<ListPolls.Row> Polls { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Polls = await polls.HandleAsync(new ListPolls.Query(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), cancellationToken);
}
