using Gaceta.Polls;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Polls;

/// <summary>
/// <c>/{lang}/polls/{key}/results</c>: a poll's pooled results. Cached briefly and evicted by every counted
/// vote; the script fetches it as a fragment for a browser that has already voted.
/// </summary>
public sealed class ResultsModel(ReadPolls.Handler polls, ReadPollResults.Handler results) : ReaderPageModel
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    [FromRoute(Name = "key")]
    public string Key
    {
        get;
        set => field = value ?? string.Empty; // a blank segment binds as null
    } = string.Empty;

    [FromQuery(Name = "fragment")]
    public string? FragmentQuery { get; set; }

    public bool Fragment => PollPaths.IsFragmentRequest(FragmentQuery);

    public PollBlock Block { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var poll = (await polls.HandleAsync(new ReadPolls.Query(Lang, [Key]), cancellationToken)).GetValueOrDefault(Key);
        if (poll is null)
        {
            return NotFound();
        }

        Block = PollBlock.Form(poll, PollPaths.Poll(Lang, Key)) with { Results = await results.HandleAsync(poll, cancellationToken) };
        var path = PollPaths.Results(Lang, Key);
        Head = new ReaderHead(poll.Question, null, path, [new Alternate(Lang, path)]);
        HttpContext.TagReaderCache(ReaderCache.Poll(poll.Id), ReaderCache.PollResults(poll.Id));
        HttpContext.ExpireReaderCacheAfter(CacheFor);
        Response.Headers.CacheControl = "public, max-age=10";
        return Fragment ? Partial("_Poll", Block) : Page();
    }
}
