using System.Globalization;
using Gaceta.Polls;
using Gaceta.Subscribers;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Subscribers;

/// <summary>Subscribers at <c>/admin/subscribers</c>: search, filter, export.</summary>
public sealed class IndexModel(ListSubscribers.Handler subscribers, ExportSubscribers.Handler export, ReadPollNewsletterChoices.Handler newsletters) : AdminPageModel
{
    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "newsletter")]
    public string? Newsletter { get; set; }

    [FromQuery(Name = "status")]
    public SubscriptionStatus? Status { get; set; }

    [FromQuery(Name = "language")]
    public string? Language { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ListSubscribers.Page Subscribers { get; private set; } = null!;

    public IReadOnlyList<ReadPollNewsletterChoices.Choice> Newsletters { get; private set; } = [];


    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Subscribers = await subscribers.HandleAsync(new ListSubscribers.Query(Filter()), cancellationToken);
        Newsletters = await newsletters.HandleAsync(new ReadPollNewsletterChoices.Query(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), cancellationToken);
    }

    /// <summary>The filtered list as CSV (one line per subscription).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var csv = await export.HandleAsync(new ExportSubscribers.Query(Filter(), Actor), cancellationToken);
        return CsvFile(csv, "subscribers.csv");
    }

    public string QueryFor(int page) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = Search,
            ["newsletter"] = Newsletter,
            ["status"] = Status?.ToString(),
            ["language"] = Language,
            ["page"] = page.ToString(CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();

    private SubscriberRows.Filter Filter() =>
        new(Search, string.IsNullOrEmpty(Newsletter) ? null : Newsletter, Status, string.IsNullOrEmpty(Language) ? null : Language, PageNumber);
}
