using System.Net;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Polls;

/// <summary>A host with tight per-client limits, behind one trusted proxy.</summary>
public sealed class LimitedApp() : GacetaApp(DatabaseEngine.Sqlite)
{
    public const string Proxy = "10.1.2.3";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Polls:VotesPerClientPerMinute"] = "3",
        ["Search:SearchesPerClientPerMinute"] = "3",
        ["Subscriptions:ConfirmationsPerClientPerHour"] = "1",
        ["Network:TrustedProxies:0"] = Proxy,
    };
}

/// <summary>A host with tight per-client limits and the default network settings: no proxy is trusted.</summary>
public sealed class UnproxiedApp() : GacetaApp(DatabaseEngine.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Polls:VotesPerClientPerMinute"] = "3",
        ["Search:SearchesPerClientPerMinute"] = "3",
    };
}

/// <summary>With no trusted proxy configured, forwarded headers are ignored entirely.</summary>
public sealed class DefaultNetworkTests(UnproxiedApp app) : IClassFixture<UnproxiedApp>
{
    private readonly HttpClient _reader = app.CreateReader();

    [Fact]
    public async Task ForgedForwardedForHeaders_DoNotEscapeTheVoteLimit()
    {
        var poll = await app.Polls.CreateAsync();
        var statuses = await ForwardedVotes.PostAsync(_reader, poll, "198.51.100.61", Enumerable.Range(0, 6).Select(i => $"203.0.113.{i}, 198.51.100.{i}"));

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task ForgedForwardedForHeaders_DoNotEscapeTheSearchLimit()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/en/search?q=forged{i}");
            request.Headers.TryAddWithoutValidation(GacetaApp.ClientHeader, "198.51.100.62");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"203.0.113.{i}");
            using var response = await _reader.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}

/// <summary>Per-client limits on votes and confirmation mails, keyed by the address trusted proxies report.</summary>
public sealed class RateLimitTests(LimitedApp app) : IClassFixture<LimitedApp>
{
    private readonly HttpClient _reader = app.CreateReader();

    [Theory]
    [InlineData("en", "Too many votes from your connection. Please wait a minute and try again.")]
    [InlineData("es", "Demasiados votos desde su conexión. Espere un minuto y vuelva a intentarlo.")]
    public async Task VotesBeyondTheLimit_Are429WithRetryAfter(string language, string message)
    {
        var poll = await app.Polls.CreateAsync();
        var client = $"198.51.100.{(language == "en" ? 21 : 22)}";
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await _reader.PostFormAsync(poll.PostPath(language), Forms.Vote(poll, poll.OptionIds[0]), clientAddress: client);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await _reader.PostFormAsync(poll.PostPath(language), Forms.Vote(poll, poll.OptionIds[0]), clientAddress: client);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(message, Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".poll-problem").Text());
        Assert.Equal(3, await app.Polls.StoredVotesAsync(poll.PollId));
    }

    [Theory]
    [InlineData("en", "/en/search", "Too many searches from your connection. Please wait a minute and try again.")]
    [InlineData("es", "/es/buscar", "Demasiadas búsquedas desde su conexión. Espere un minuto y vuelva a intentarlo.")]
    public async Task SearchesBeyondTheLimit_Are429WithRetryAfter_UnlessAnsweredFromTheCache(string language, string path, string message)
    {
        var client = $"198.51.100.{(language == "en" ? 41 : 42)}";
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await _reader.GetWithClientAsync($"{path}?q=harbour{language}{i}", client);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        // A search already answered comes from the output cache and costs nothing.
        using (var cached = await _reader.GetWithClientAsync($"{path}?q=harbour{language}0", client))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        using var refused = await _reader.GetWithClientAsync($"{path}?q=harbour{language}new", client);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(message, Html.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".search-problem").Text());

        using var api = await _reader.GetWithClientAsync($"/api/v1/search/{language}?q=harbour{language}api", client);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        using var otherClient = await _reader.GetWithClientAsync($"{path}?q=harbour{language}new", "198.51.100.43");
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Fact]
    public async Task AForwardedForHeaderFromAnUntrustedClient_DoesNotEscapeTheLimit()
    {
        var poll = await app.Polls.CreateAsync();
        var statuses = await ForwardedVotes.PostAsync(_reader, poll, "198.51.100.31", Enumerable.Range(0, 5).Select(i => $"203.0.113.{i}"));

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task BehindATrustedProxy_AddressesTheClientPrependedAreNotBelieved()
    {
        // The proxy appends the address it saw; what the client wrote before it is the client's own word.
        var poll = await app.Polls.CreateAsync();
        var statuses = await ForwardedVotes.PostAsync(_reader, poll, LimitedApp.Proxy, Enumerable.Range(0, 5).Select(i => $"203.0.113.{200 + i}, 198.51.100.35"));

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
    }

    [Fact]
    public async Task BehindATrustedProxy_EachForwardedClientHasItsOwnLimit()
    {
        var poll = await app.Polls.CreateAsync();
        for (var i = 0; i < 6; i++)
        {
            using var response = await _reader.PostFormAsync(
                poll.PostPath("en"),
                Forms.Vote(poll, poll.OptionIds[0]),
                clientAddress: LimitedApp.Proxy,
                headers: new Dictionary<string, string> { ["X-Forwarded-For"] = $"203.0.113.{100 + i}" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task ConfirmationMails_AreLimitedPerClient_ButTheVoteStillCounts()
    {
        var poll = await app.Polls.CreateAsync();
        var first = $"first-{Guid.NewGuid():N}@example.org";
        var second = $"second-{Guid.NewGuid():N}@example.org";

        using var one = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0], email: first, newsletter: true), clientAddress: "198.51.100.41");
        using var two = await _reader.PostFormAsync(poll.PostPath("en"), Forms.Vote(poll, poll.OptionIds[0], email: second, newsletter: true), clientAddress: "198.51.100.41");

        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        Assert.Equal(2, await app.Polls.StoredVotesAsync(poll.PollId));
        await app.Smtp.WaitForAsync(first);
        Assert.False(await app.WithDbAsync(db => db.OutboundMails.AnyAsync(m => m.Recipient == second)));
        Assert.True(await app.WithDbAsync(db => db.Subscribers.AnyAsync(s => s.Email == second)), "The consent was still recorded.");
    }
}

/// <summary>Votes from one connection, each naming other addresses in <c>X-Forwarded-For</c>.</summary>
internal static class ForwardedVotes
{
    public static async Task<List<HttpStatusCode>> PostAsync(HttpClient reader, CreatedPoll poll, string connection, IEnumerable<string> forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var forwarded in forwardedFor)
        {
            using var response = await reader.PostFormAsync(
                poll.PostPath("en"),
                Forms.Vote(poll, poll.OptionIds[0]),
                clientAddress: connection,
                headers: new Dictionary<string, string> { ["X-Forwarded-For"] = forwarded });
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
