using System.Net;
using AngleSharp.Dom;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Polls;

/// <summary>
/// Voting's defences, over HTTP, on each engine: one vote per address, the honeypot and the timing check, the
/// origin check and the form's token.
/// </summary>
public abstract class VoteDefenceTests(GacetaApp app)
{
    private readonly HttpClient _reader = app.CreateReader();

    [Fact]
    public async Task HoneypotStyle_HidesItFromSight()
    {
        using var response = await _reader.GetAsync(new Uri("/css/site.css", UriKind.Relative));
        var css = await response.Content.ReadAsStringAsync();

        Assert.Contains(".poll-hp { display: none; }", css, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vote_WithTheSameEmailInCaseAndWhitespaceVariants_CountsOnce_AndTellsNobodyItVotedBefore()
    {
        var poll = await app.Polls.CreateAsync();
        var address = $"reader-{Guid.NewGuid():N}@example.org";

        using var first = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0], email: address));
        using var shouted = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[1], email: "  " + address.ToUpperInvariant() + " "));
        using var spanish = await _reader.PostFormAsync(poll.PostPath("es"), Forms.Vote(poll, poll.OptionIds[1], email: "\t" + address.Replace("reader", "READER", StringComparison.Ordinal)));

        // The answer is word for word what a first vote gets: a stranger cannot learn that the address voted.
        Assert.Equal(HttpStatusCode.OK, shouted.StatusCode);
        Assert.Equal(
            "Thank you, your vote has been counted.",
            Html.Parse(await shouted.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text());
        Assert.Equal(
            Html.Parse(await first.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text(),
            Html.Parse(await shouted.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text());
        Assert.Equal(
            "Gracias, su voto se ha contado.",
            Html.Parse(await spanish.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text());
        Assert.Equal(1, await app.Polls.StoredVotesAsync(poll.PollId));
        // Only a keyed hash of the address is kept with the vote.
        var hashes = await app.WithDbAsync(db => db.Votes.Where(v => v.PollId == poll.PollId).Select(v => v.EmailHash).ToListAsync());
        Assert.DoesNotContain(hashes, h => h!.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Vote_WithTheHoneypotFilled_LooksCounted_ButStoresNothing_AndCountsAsSpam()
    {
        var poll = await app.Polls.CreateAsync();
        var address = $"bot-{Guid.NewGuid():N}@example.org";

        using var response = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0], email: address, newsletter: true, honeypot: "https://spam.example"));

        // Word for word what a person who ticked the box is told.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "Thank you, your vote has been counted. We have emailed this address about the newsletter: if it asks you to confirm, open the link in it.",
            Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".poll-notice").Text());
        Assert.Equal(0, await app.Polls.StoredVotesAsync(poll.PollId));
        Assert.Equal(1, await app.Polls.SpamCountAsync(poll.PollId));
        Assert.False(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == address)));
        Assert.False(await app.WithDbAsync(db => db.OutboundMails.AnyAsync(m => m.Recipient == address)));
    }

    [Fact]
    public async Task Vote_SubmittedFasterThanAPersonCould_IsSpam()
    {
        var poll = await app.Polls.CreateAsync();

        using var hasty = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0], elapsed: "300"));
        using var human = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0], elapsed: "9000"));

        Assert.Equal(HttpStatusCode.OK, hasty.StatusCode);
        Assert.Equal(1, await app.Polls.StoredVotesAsync(poll.PollId));
        Assert.Equal(1, await app.Polls.SpamCountAsync(poll.PollId));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("https://gaceta.test.evil.example")]
    public async Task Vote_FromAnotherOrigin_Is403(string origin)
    {
        var poll = await app.Polls.CreateAsync();

        using var response = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0]), origin: origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await app.Polls.StoredVotesAsync(poll.PollId));
    }

    [Fact]
    public async Task Vote_WithNeitherOriginNorReferer_Is403_ButASameSiteRefererIsEnough()
    {
        var poll = await app.Polls.CreateAsync();

        using var bare = await _reader.PostFormAsync(poll.PostPath("es"), Forms.Vote(poll, poll.OptionIds[0]), origin: null);
        using var referred = await _reader.PostFormAsync(
            poll.PostPath("es"),
            Forms.Vote(poll, poll.OptionIds[0]),
            origin: null,
            headers: new Dictionary<string, string> { ["Referer"] = GacetaApp.PublicUrl + poll.Story.PathIn("es") });

        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.Equal("Este formulario solo se puede enviar desde las páginas de Gaceta.", Html.Parse(await bare.Content.ReadAsStringAsync()).QuerySelector(".poll-problem").Text());
        Assert.Equal(HttpStatusCode.OK, referred.StatusCode);
        Assert.Equal(1, await app.Polls.StoredVotesAsync(poll.PollId));
    }

    [Theory]
    [InlineData("en", "This vote did not come from the form on our page. Check your answer and send it again.")]
    [InlineData("es", "Este voto no llegó desde el formulario de nuestra página. Revise su respuesta y envíela de nuevo.")]
    public async Task AVoteWithoutTheFormsToken_OrWithAForgedOne_IsRefused(string language, string message)
    {
        var poll = await app.Polls.CreateAsync();
        var other = await app.Polls.CreateAsync();

        using var bare = await _reader.PostFormAsync(poll.PostPath(language), [new("answer", poll.OptionIds[0].ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        using var forged = await _reader.PostFormAsync(poll.PostPath(language), Forms.Vote(poll, poll.OptionIds[0], token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        using var borrowed = await _reader.PostFormAsync(poll.PostPath(language), Forms.Vote(poll, poll.OptionIds[0], token: other.FormToken()));

        foreach (var response in new[] { bare, forged, borrowed })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var block = Html.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(message, block.QuerySelector(".error-summary a").Text());
            // The form comes back, with a token of its own, so a person can send it again.
            Assert.False(string.IsNullOrEmpty(block.QuerySelector($"#poll-{poll.Key} form input[name=token]")?.GetAttribute("value")));
        }

        Assert.Equal(0, await app.Polls.StoredVotesAsync(poll.PollId));
    }

    [Theory]
    [InlineData("en", 0.5, "That was very quick. Check your answer and send it again.")]
    [InlineData("es", 0.5, "Ha sido muy rápido. Revise su respuesta y envíela de nuevo.")]
    [InlineData("en", 13 * 3600, "This form was open for a long time. Check your answer and send it again.")]
    [InlineData("es", 13 * 3600, "Este formulario llevaba mucho tiempo abierto. Revise su respuesta y envíela de nuevo.")]
    public async Task AFormSentTooSoonOrTooLateAfterItWasRendered_IsRefused(string language, double secondsAgo, string message)
    {
        var poll = await app.Polls.CreateAsync();
        // A form rendered that long before the host's clock, as a page fetched then would carry.
        var token = app.Services.GetRequiredService<Gaceta.Polls.VoteFormTokens>()
            .Issue(poll.PollId, app.Clock.GetUtcNow().UtcDateTime.AddSeconds(-secondsAgo));

        using var response = await _reader.PostFormAsync(poll.PostPath(language), Forms.Vote(poll, poll.OptionIds[0], token: token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error-summary a").Text());
        Assert.Equal(0, await app.Polls.StoredVotesAsync(poll.PollId));
    }

    [Fact]
    public async Task AReaderWithoutJavaScript_VotesWithTheTokenOfTheCachedPage()
    {
        var poll = await app.Polls.CreateAsync();
        var page = await _reader.GetDocumentAsync(poll.Story.PathIn("es"));
        var form = page.QuerySelector($"#poll-{poll.Key} form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? string.Empty)).ToList();
        fields.Add(new("answer", poll.OptionIds[1].ToString(System.Globalization.CultureInfo.InvariantCulture)));
        fields.Add(new("website", string.Empty));
        app.Clock.Advance(TimeSpan.FromSeconds(20));

        using var response = await _reader.PostFormAsync(form.GetAttribute("action")!, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await app.Polls.StoredVotesAsync(poll.PollId));
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteVoteDefenceTests(SqliteApp app) : VoteDefenceTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresVoteDefenceTests(PostgresApp app) : VoteDefenceTests(app);
