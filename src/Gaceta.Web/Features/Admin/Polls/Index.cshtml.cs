using System.Globalization;
using Gaceta.Polls;

namespace Gaceta.Web.Features.Admin.Polls;

/// <summary>Polls at <c>/admin/polls</c>: their state, votes and spam.</summary>
public sealed class IndexModel(PollAdministration.Handler polls) : AdminPageModel
{
    public IReadOnlyList<PollAdministration.Row> Polls { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Polls = await polls.ListAsync(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
}
