using System.Net;
using AngleSharp.Dom;
using Gaceta.Polls;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Polls;

/// <summary>Polls inside articles and voting, over HTTP, on each engine (its defences: <see cref="VoteDefenceTests"/>).</summary>
public abstract class PollTests(GacetaApp app)
{
    private readonly HttpClient _reader = app.CreateReader();

    [Theory]
    [InlineData("en", "\"*\" indicates required fields", "Leave this field empty", PollFactory.ConsentEn)]
    [InlineData("es", "\"*\" indica campos obligatorios", "Deje este campo vacío", PollFactory.ConsentEs)]
    public async Task Article_EmbedsTheForm_WithRequiredLegendHoneypotAndUntickedConsent(string language, string legend, string honeypotLabel, string consent)
    {
        var poll = await app.Polls.CreateAsync();

        var page = await _reader.GetDocumentAsync(poll.Story.PathIn(language));
        var form = page.QuerySelector($"#poll-{poll.Key} form")!;

        Assert.Equal(poll.PostPath(language), form.GetAttribute("action"));
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal(legend, form.QuerySelector(".poll-required-note").Text());
        var fieldset = form.QuerySelector("fieldset")!;
        Assert.Equal("true", fieldset.GetAttribute("aria-required"));
        Assert.Equal("*", fieldset.QuerySelector("legend .required-mark[aria-hidden=true]").Text());
        var radios = fieldset.QuerySelectorAll("input[type=radio][name=answer]");
        Assert.Equal(2, radios.Length);
        Assert.All(radios, r => Assert.True(r.HasAttribute("required")));
        Assert.All(radios, r => Assert.NotNull(page.QuerySelector($"label[for='{r.Id}']")));

        var email = form.QuerySelector("input[name=email]")!;
        Assert.Equal("email", email.GetAttribute("type"));
        Assert.False(email.HasAttribute("required"));
        var box = form.QuerySelector("input[name=newsletter]")!;
        Assert.Equal("checkbox", box.GetAttribute("type"));
        Assert.False(box.HasAttribute("checked"));
        Assert.Equal(consent, page.QuerySelector($"label[for='{box.Id}']").Text());

        var honeypot = form.QuerySelector("input[name=website]")!;
        Assert.Equal("text", honeypot.GetAttribute("type"));
        Assert.Equal("-1", honeypot.GetAttribute("tabindex"));
        Assert.Equal("off", honeypot.GetAttribute("autocomplete"));
        var trap = honeypot.ParentElement!;
        Assert.Equal("true", trap.GetAttribute("aria-hidden"));
        Assert.Contains("poll-hp", trap.ClassList);
        Assert.Equal(honeypotLabel, honeypot.GetAttribute("aria-label"));
        Assert.Null(trap.QuerySelector("label"));

        // A plain-text scrape of the page, or reader mode, never shows the trap's words.
        Assert.DoesNotContain(honeypotLabel, page.Body!.TextContent, StringComparison.Ordinal);

        // The poll's chrome stays out of every summary of the article.
        var description = page.QuerySelector("meta[name=description]")?.GetAttribute("content");
        Assert.DoesNotContain(honeypotLabel, description, StringComparison.Ordinal);
        Assert.DoesNotContain("*", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CachedArticle_IsByteIdenticalForTwoVisitors_AndBothCanVote()
    {
        var poll = await app.Polls.CreateAsync();
        var first = app.CreateReader();
        var second = app.CreateReader();

        using var one = await first.GetAsync(new Uri(poll.Story.PathIn("en"), UriKind.Relative));
        using var two = await second.GetAsync(new Uri(poll.Story.PathIn("en"), UriKind.Relative));

        Assert.Equal(await one.Content.ReadAsByteArrayAsync(), await two.Content.ReadAsByteArrayAsync());
        Assert.False(one.Headers.Contains("Set-Cookie"));
        using var voteOne = await first.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0]), clientAddress: "198.51.100.1");
        using var voteTwo = await second.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[1]), clientAddress: "198.51.100.2");
        Assert.Equal(HttpStatusCode.OK, voteOne.StatusCode);
        Assert.Equal(HttpStatusCode.OK, voteTwo.StatusCode);
        Assert.Equal(2, await app.Polls.StoredVotesAsync(poll.PollId));
    }

    [Fact]
    public async Task Vote_WithoutEmail_Counts_AndResultsArePooledAcrossLanguages()
    {
        var poll = await app.Polls.CreateAsync();

        using var english = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0]));
        using var spanish = await _reader.PostFormAsync(poll.PostPath("es"), Forms.Vote(poll, poll.OptionIds[0]));
        using var third = await _reader.PostFormAsync(poll.PostPath("es"), Forms.Vote(poll, poll.OptionIds[1]));

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var results = Html.Parse(await third.Content.ReadAsStringAsync()).QuerySelector($"#poll-{poll.Key}")!;
        Assert.Equal("Gracias, su voto se ha contado.", results.QuerySelector(".poll-notice").Text());
        Assert.Equal("3 votos en total", results.QuerySelector(".poll-total").Text());
        var bars = results.QuerySelectorAll(".poll-bars li");
        Assert.Equal("Sí", bars[0].QuerySelector(".poll-bar-label").Text());
        Assert.Equal("67 % (2 votos)", bars[0].QuerySelector(".poll-bar-value").Text());
        Assert.Equal("67", bars[0].QuerySelector("meter")?.GetAttribute("value"));
        Assert.Equal("33 % (1 voto)", bars[1].QuerySelector(".poll-bar-value").Text());
        Assert.Equal(3, await app.Polls.StoredVotesAsync(poll.PollId));

        var englishResults = await _reader.GetDocumentAsync(poll.ResultsPath("en"));
        Assert.Equal("3 votes in total", englishResults.QuerySelector(".poll-total").Text());
        Assert.Equal("67% (2 votes)", englishResults.QuerySelector(".poll-bars li .poll-bar-value").Text());
    }

    [Theory]
    [InlineData("en", "There is a problem", "Choose an answer.", "Enter a valid email address, like name@example.com, or leave it empty.")]
    [InlineData("es", "Hay un problema", "Elija una respuesta.", "Escriba una dirección de correo válida, como nombre@ejemplo.com, o deje el campo vacío.")]
    public async Task Vote_WithoutAnswerAndWithAMalformedEmail_Is400WithSummaryInlineMessagesAndKeptValues(string language, string summary, string answerMessage, string emailMessage)
    {
        var poll = await app.Polls.CreateAsync();

        using var response = await _reader.PostFormAsync(poll.PostPath(language), Forms.Vote(poll, null, email: "not-an-address", newsletter: true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
        var block = page.QuerySelector($"#poll-{poll.Key}")!;
        var errorSummary = block.QuerySelector(".error-summary")!;
        Assert.Same(errorSummary, block.FirstElementChild!.NextElementSibling);
        Assert.Equal(summary, errorSummary.QuerySelector("h3").Text());
        var links = errorSummary.QuerySelectorAll("a");
        Assert.Equal([answerMessage, emailMessage], links.Select(a => a.Text()));
        Assert.All(links, a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")!.TrimStart('#'))));
        Assert.Contains(answerMessage, block.QuerySelector("fieldset .field-error").Text(), StringComparison.Ordinal);
        var email = block.QuerySelector("input[name=email]")!;
        Assert.Equal("not-an-address", email.GetAttribute("value"));
        Assert.Equal("true", email.GetAttribute("aria-invalid"));
        Assert.Contains(emailMessage, page.GetElementById(email.Id + "-error").Text(), StringComparison.Ordinal);
        Assert.True(block.QuerySelector("input[name=newsletter]")!.HasAttribute("checked"));
        Assert.Equal(0, await app.Polls.StoredVotesAsync(poll.PollId));
    }

    [Theory]
    [InlineData("en", "Enter your email address to receive the newsletter, or untick the newsletter box.")]
    [InlineData("es", "Escriba su correo electrónico para recibir el boletín o desmarque la casilla del boletín.")]
    public async Task Vote_AskingForTheNewsletterWithoutEmail_Is400(string language, string message)
    {
        var poll = await app.Polls.CreateAsync();

        using var response = await _reader.PostFormAsync(poll.PostPath(language), Forms.Vote(poll, poll.OptionIds[0], newsletter: true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, page.QuerySelector(".error-summary a").Text());
        Assert.True(page.QuerySelector("input[type=radio][checked]") is not null, "The chosen answer was not kept.");
        Assert.Equal(0, await app.Polls.StoredVotesAsync(poll.PollId));
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("yes")]
    public async Task Vote_ForAnAnswerNotOffered_Is400(string answer)
    {
        var poll = await app.Polls.CreateAsync();

        using var response = await _reader.PostFormAsync(poll.PostPath("en"), [new("answer", answer)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Choose one of the answers shown.", Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error-summary a").Text());
        Assert.Equal(0, await app.Polls.StoredVotesAsync(poll.PollId));
    }

    [Theory]
    [InlineData("en", "This poll is closed. Your answer was not counted.")]
    [InlineData("es", "Esta encuesta está cerrada. Su respuesta no se ha contado.")]
    public async Task ClosedPoll_ShowsResultsOnly_AndAVoteIs409(string language, string message)
    {
        var poll = await app.Polls.CreateAsync(closesIn: TimeSpan.FromMinutes(30));
        using var early = await _reader.PostFormAsync(poll.PostPath(language), Forms.Vote(poll, poll.OptionIds[0]));
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.EvictStoryAsync(poll.Story);

        using var late = await _reader.PostFormAsync(poll.PostPath(language), Forms.Vote(poll, poll.OptionIds[1]));

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var block = Html.Parse(await late.Content.ReadAsStringAsync()).QuerySelector($"#poll-{poll.Key}")!;
        Assert.Equal(message, block.QuerySelector(".poll-notice").Text());
        Assert.Null(block.QuerySelector("form"));
        Assert.Equal(1, await app.Polls.StoredVotesAsync(poll.PollId));
        var article = await _reader.GetDocumentAsync(poll.Story.PathIn(language));
        Assert.Null(article.QuerySelector($"#poll-{poll.Key} form"));
        Assert.NotNull(article.QuerySelector($"#poll-{poll.Key} .poll-bars"));
    }

    [Fact]
    public async Task APollNotYetOpen_IsNotThereForReaders()
    {
        var poll = await app.Polls.CreateAsync(opensIn: TimeSpan.FromHours(1));

        using var vote = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0]));
        using var page = await _reader.GetAsync(new Uri(poll.PostPath("es"), UriKind.Relative));
        using var results = await _reader.GetAsync(new Uri(poll.ResultsPath("en"), UriKind.Relative));
        var article = await _reader.GetDocumentAsync(poll.Story.PathIn("en"));

        Assert.Equal(HttpStatusCode.NotFound, vote.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, results.StatusCode);
        Assert.Null(article.QuerySelector($"#poll-{poll.Key}"));
        Assert.Equal(0, await app.Polls.StoredVotesAsync(poll.PollId));
    }

    [Fact]
    public async Task Vote_RemembersTheBrowserInACookie_AndTheFragmentIsJustThePoll()
    {
        var poll = await app.Polls.CreateAsync();

        using var response = await _reader.PostFormAsync(poll.PostPath("en") + "?fragment=1", Forms.Vote(poll, poll.OptionIds[0]));

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        // The site is https: the cookie is __Host- prefixed and Secure.
        Assert.StartsWith($"__Host-gaceta_voted={poll.PollId}", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<section class=\"poll poll-results\"", html.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPoll_Is404()
    {
        using var response = await _reader.PostFormAsync($"/en/polls/no-such-poll-{Guid.NewGuid():N}", [new("answer", "1")]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ABurstOfConcurrentVotes_TotalsEqualTheStoredRows()
    {
        var poll = await app.Polls.CreateAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var client = app.CreateReader();
            // A few repeat addresses among them: exactly one vote each may count.
            var email = i % 4 == 0 ? $"repeat-{poll.Key}@example.org" : $"burst-{i}-{poll.Key}@example.org";
            using var response = await client.PostFormAsync(poll.PostPath(i % 2 == 0 ? "en" : "es"), Forms.Vote(poll, poll.OptionIds[i % 2], email: email));
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
        var stored = await app.Polls.StoredVotesAsync(poll.PollId);
        Assert.Equal(31, stored);
        var results = await _reader.GetDocumentAsync(poll.ResultsPath("en"));
        Assert.Equal($"{stored} votes in total", results.QuerySelector(".poll-total").Text());
        var perOption = results.QuerySelectorAll(".poll-bar-value").Select(v => v.Text()).ToList();
        Assert.Equal(stored, perOption.Sum(v => int.Parse(v[(v.IndexOf('(', StringComparison.Ordinal) + 1)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(stored, await app.WithDbAsync(db => db.Set<PollOption>().Where(o => o.PollId == poll.PollId).SumAsync(o => o.VoteCount)));
    }

    [Fact]
    public async Task APollChangedElsewhere_IsSeenByTheNextReaderAndVoter_OnThisNode()
    {
        var poll = await app.Polls.CreateAsync(withNewsletter: false);
        using (var first = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0])))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // Another node's editor drops the second answer and rewords the question: this node still keeps the old version.
        var dropped = poll.OptionIds[1];
        await app.WithDbAsync(async db =>
        {
            await db.Set<PollOption>().Where(o => o.Id == dropped).ExecuteDeleteAsync();
            await db.Database.ExecuteSqlAsync($"""UPDATE "PollQuestions" SET "Text" = 'Should night ferries run all year?' WHERE "PollId" = {poll.PollId} AND "Language" = 'en'""");
            return await db.Polls.Where(p => p.Id == poll.PollId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1));
        });

        using var stale = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, dropped));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("Choose one of the answers shown.", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var counted = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0]));
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal(2, await app.Polls.StoredVotesAsync(poll.PollId));
        var page = await app.CreateReader().GetDocumentAsync(poll.PostPath("en"));
        Assert.Contains("Should night ferries run all year?", page.QuerySelector($"#poll-{poll.Key}")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACountedVote_LeavesTheArticleCached_AndReachesTheCachedResults()
    {
        var poll = await app.Polls.CreateAsync(withNewsletter: false);
        var article = poll.Story.Paths["en"];
        using (await _reader.GetAsync(article))
        using (await _reader.GetAsync(poll.ResultsPath("en")))
        {
        }

        using var vote = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0]));
        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);

        // An open poll's form does not change with a vote: the article is still answered from the cache.
        using var again = await _reader.GetAsync(article);
        Assert.NotNull(again.Headers.Age);
        var results = await _reader.GetDocumentAsync(poll.ResultsPath("en"));
        Assert.Equal("1 vote in total", results.QuerySelector(".poll-total").Text());
    }
}

[Collection(SqliteHost.Name)]
public sealed class PollsOnSqlite(SqliteApp app) : PollTests(app);

[Collection(PostgresHost.Name)]
public sealed class PollsOnPostgres(PostgresApp app) : PollTests(app);
