using System.Globalization;
using Gaceta.Polls;
using Gaceta.Site;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Network;
using Gaceta.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Polls;

/// <summary>
/// <c>/{lang}/polls/{key}</c>: GET shows the poll on a page of its own; POST takes a vote from the form inside an
/// article (or from this page). Reader pages carry no antiforgery token, so the POST defends itself: same
/// origin, per-client rate limit, honeypot, fill time, and one vote per address.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class PollModel(
    ReadPolls.Handler polls,
    ReadPollResults.Handler results,
    CastVote.Handler votes,
    VoteRateLimiter limiter,
    SiteUrls urls,
    IOptions<SiteOptions> site,
    IStringLocalizer<SharedResource> text) : ReaderPageModel
{
    [FromRoute(Name = "key")]
    public string Key
    {
        get;
        set => field = value ?? string.Empty; // a blank segment binds as null
    } = string.Empty;

    /// <summary>The enhancing script asks for the poll block alone, to swap it into the article.</summary>
    [FromQuery(Name = "fragment")]
    public string? FragmentQuery { get; set; }

    public bool Fragment => PollPaths.IsFragmentRequest(FragmentQuery);

    public PollBlock? Block { get; private set; }

    /// <summary>A sentence shown above the poll instead of it, when a vote was refused outright.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var poll = await FindAsync(cancellationToken);
        if (poll is null)
        {
            return NotFound();
        }

        Block = poll.State == PollState.Open
            ? PollBlock.Form(poll, PollPaths.Poll(Lang, Key))
            : await ResultsAsync(poll, PollPaths.Poll(Lang, Key), null, cancellationToken);
        HttpContext.TagReaderCache(Block.Results is null ? [ReaderCache.Poll(poll.Id)] : [ReaderCache.Poll(poll.Id), ReaderCache.PollResults(poll.Id)]);
        AllowPublicCaching();
        return Show(StatusCodes.Status200OK);
    }

    public async Task<IActionResult> OnPostAsync(
        [FromForm(Name = "answer")] string? answer,
        [FromForm(Name = "email")] string? email,
        [FromForm(Name = "newsletter")] string? newsletter,
        [FromForm(Name = "website")] string? honeypot,
        [FromForm(Name = "elapsed")] string? elapsed,
        [FromForm(Name = "return")] string? returnPath,
        [FromForm(Name = "token")] string? formToken,
        CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (!Request.IsSameOrigin(site.Value))
        {
            return Refuse(StatusCodes.Status403Forbidden, text["This form can only be sent from Gaceta's own pages."]);
        }

        if (await limiter.TryAcquireAsync(HttpContext.ClientAddress(), cancellationToken) is { } retryAfter)
        {
            Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Refuse(StatusCodes.Status429TooManyRequests, text["Too many votes from your connection. Please wait a minute and try again."]);
        }

        var back = SafeReturnPath(returnPath);
        var result = await votes.HandleAsync(
            new CastVote.Command(
                Lang,
                Key,
                answer,
                email,
                newsletter is "yes" or "on" or "true",
                honeypot,
                int.TryParse(elapsed, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms : null,
                urls.Absolute(back),
                HttpContext.ClientAddress(),
                formToken),
            cancellationToken);

        if (result.Poll is not { } poll)
        {
            return NotFound();
        }

        switch (result.Outcome)
        {
            case VoteOutcome.Invalid:
                var block = PollBlock.Form(poll, back) with
                {
                    Values = new PollFormValues(answer, email, newsletter is not null),
                    Errors = result.Errors.Select(e => Describe(e, poll)).ToList(),
                };
                Block = block;
                return Show(StatusCodes.Status400BadRequest);
            case VoteOutcome.Closed:
                Block = await ResultsAsync(poll, back, text["This poll is closed. Your answer was not counted."], cancellationToken);
                return Show(StatusCodes.Status409Conflict);
            default:
                // Counted, already counted for this address, or spam: all answered alike, so the page never tells a
                // stranger whether an address has voted. Only a counted vote changes the results.
                VotedCookie.Remember(HttpContext, poll.Id);

                Block = result.Results is { } tallied
                    ? PollBlock.Form(poll, back) with { Results = tallied, Notice = Thanks(poll, email, newsletter is not null) }
                    : await ResultsAsync(poll, back, Thanks(poll, email, newsletter is not null), cancellationToken);
                return Show(StatusCodes.Status200OK);
        }
    }

    /// <summary>The thanks depend on what was asked, never on what the database knows about the address.</summary>
    private string Thanks(PollView poll, string? email, bool wantsNewsletter) =>
        wantsNewsletter && poll.Offer is not null && !string.IsNullOrWhiteSpace(email)
            ? text["Thank you, your vote has been counted. We have emailed this address about the newsletter: if it asks you to confirm, open the link in it."]
            : text["Thank you, your vote has been counted."];

    private FieldError Describe(VoteError error, PollView poll)
    {
        var firstOption = PollBlock.AnswerFieldId(poll);
        var email = PollBlock.FieldIdFor(poll.Key, "email");
        return error switch
        {
            VoteError.AnswerRequired => new FieldError(firstOption, text["Choose an answer."]),
            VoteError.AnswerUnknown => new FieldError(firstOption, text["Choose one of the answers shown."]),
            VoteError.EmailInvalid => new FieldError(email, text["Enter a valid email address, like name@example.com, or leave it empty."]),
            VoteError.EmailRequiredForNewsletter => new FieldError(email, text["Enter your email address to receive the newsletter, or untick the newsletter box."]),
            VoteError.FormUnreadable => new FieldError(firstOption, text["This vote did not come from the form on our page. Check your answer and send it again."]),
            VoteError.FormTooQuick => new FieldError(firstOption, text["That was very quick. Check your answer and send it again."]),
            VoteError.FormExpired => new FieldError(firstOption, text["This form was open for a long time. Check your answer and send it again."]),
            _ => new FieldError(firstOption, text["Check your answer."]),
        };
    }

    private async Task<PollView?> FindAsync(CancellationToken cancellationToken) =>
        (await polls.HandleAsync(new ReadPolls.Query(Lang, [Key]), cancellationToken)).GetValueOrDefault(Key);

    private async Task<PollBlock> ResultsAsync(PollView poll, string back, string? notice, CancellationToken cancellationToken) =>
        PollBlock.Form(poll, back) with { Results = await results.HandleAsync(poll, cancellationToken), Notice = notice };

    private IActionResult Show(int status)
    {
        Response.StatusCode = status;
        var path = PollPaths.Poll(Lang, Key);
        Head = new ReaderHead(Block?.Poll.Question ?? text["Reader poll"], null, path, [new Alternate(Lang, path)]);
        return Fragment && Block is not null ? Partial("_Poll", Block) : Page();
    }

    /// <summary>A vote refused before it was looked at: a short message, as a fragment or on a page of its own.</summary>
    private IActionResult Refuse(int status, string message)
    {
        Problem = message;
        Block = null;
        if (Fragment)
        {
            return new ContentResult
            {
                StatusCode = status,
                ContentType = "text/html; charset=utf-8",
                Content = $"<p class=\"poll-problem\" role=\"alert\">{System.Net.WebUtility.HtmlEncode(message)}</p>",
            };
        }

        return Show(status);
    }

    /// <summary>Only a path on this site, in this language, may be linked back to.</summary>
    private string SafeReturnPath(string? path) =>
        path is { Length: > 1 } && path.StartsWith($"/{Lang}/", StringComparison.Ordinal) && !path.Contains("//", StringComparison.Ordinal)
            && !path.Contains('\\', StringComparison.Ordinal) && Uri.IsWellFormedUriString(path, UriKind.Relative)
            ? path
            : PollPaths.Poll(Lang, Key);
}
