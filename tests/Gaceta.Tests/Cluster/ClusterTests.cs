using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gaceta.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Cluster;

/// <summary>
/// Two web nodes behind nginx on PostgreSQL and Redis, as real processes: what one node changes, every node shows;
/// one client meets one limit; sessions work on every node; losing a node or Redis is not an outage. Each test
/// leaves the cluster whole for the next.
/// </summary>
[Collection(Name)]
public sealed partial class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    public const string Name = "Cluster";

    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AStoryPublishedThroughNodeA_IsOnNodeBsCachedFrontAndArticlePages_WithinOneSecond()
    {
        using var a = cluster.Direct(cluster.A);
        using var b = cluster.Direct(cluster.B);
        await CachedAsync(b, "/en/");
        var headline = $"Night ferry trial {Guid.NewGuid():N}"[..30];

        var story = await PublishAsync(a, headline);

        Assert.True(await ShowsWithinAsync(b, "/en/", headline, OneSecond), "Node B's front page did not show the story within a second.");
        await CachedAsync(b, story.Path);
        await ChangeHeadlineAsync(a, story, headline + " extended");
        Assert.True(await ShowsWithinAsync(b, story.Path, headline + " extended", OneSecond), "Node B's article page did not show the change within a second.");
    }

    [Fact]
    public async Task AChangeMadeWhileRedisIsDown_LeavesNoStalePageOnceRedisReturnsWithWhatItHeld()
    {
        using var a = cluster.Direct(cluster.A);
        using var b = cluster.Direct(cluster.B);
        var headline = $"Harbour lights {Guid.NewGuid():N}"[..28];
        var story = await PublishAsync(a, headline);
        await CachedAsync(b, story.Path);

        // Redis goes down and comes back with its data (it keeps an append-only file): node A's eviction could not be
        // sent while it was away, and the page it made stale is still in Redis.
        cluster.Redis.Stop();
        try
        {
            await ChangeHeadlineAsync(a, story, headline + " corrected");
        }
        finally
        {
            await cluster.Redis.StartAsync();
        }

        await HealthyAsync(a);
        await HealthyAsync(b);
        Assert.True(
            await ShowsWithinAsync(b, story.Path, headline + " corrected", TimeSpan.FromSeconds(10)),
            "Node B still served the page the change made stale, ten seconds after Redis returned.");
    }

    [Fact]
    public async Task APollEditedOnNodeB_IsEvictedFromEveryNode_AndTheStaffSessionFromNodeAWorksThere()
    {
        var cookies = new CookieContainer();
        using var a = cluster.Direct(cluster.A, cookies);
        using var b = cluster.Direct(cluster.B, cookies);
        await SignInStaffAsync(a);
        var poll = cluster.Poll.PostPath("en");
        await CachedAsync(a, poll);
        await CachedAsync(b, poll);

        var question = $"Should the night ferry stay? {Guid.NewGuid():N}"[..40];
        var (version, options) = await cluster.Newsroom.WithDbAsync(async db => (
            await db.Polls.Where(p => p.Id == cluster.Poll.PollId).Select(p => p.Version).SingleAsync(),
            await db.Polls.Where(p => p.Id == cluster.Poll.PollId).SelectMany(p => p.Options.OrderBy(o => o.Position).Select(o => o.Id)).ToListAsync()));
        var editPage = $"/admin/polls/edit/{cluster.Poll.PollId}";
        List<KeyValuePair<string, string>> fields =
        [
            new("Input.Key", cluster.Poll.Key),
            new("Input.Version", version.ToString(CultureInfo.InvariantCulture)),
            new("Input.Questions[en]", question),
            new("Input.Questions[es]", "¿Debe seguir el ferri nocturno?"),
            new("Input.Options[0].Id", options[0].ToString(CultureInfo.InvariantCulture)),
            new("Input.Options[0].Texts[en]", "Yes"),
            new("Input.Options[0].Texts[es]", "Sí"),
            new("Input.Options[1].Id", options[1].ToString(CultureInfo.InvariantCulture)),
            new("Input.Options[1].Texts[en]", "No"),
            new("Input.Options[1].Texts[es]", "No"),
            new("Input.NewsletterId", string.Empty),
        ];
        using var edited = await PostPageFormAsync(b, editPage, fields);
        Assert.True(edited.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"The edit on node B answered {(int)edited.StatusCode}.");

        Assert.True(await ShowsWithinAsync(a, poll, question, OneSecond), "Node A still showed the old question after a second.");
        Assert.True(await ShowsWithinAsync(b, poll, question, OneSecond), "Node B still showed the old question after a second.");
    }

    [Fact]
    public async Task AStaffSessionAndASubscriberSession_MadeOnOneNode_WorkOnTheOther()
    {
        var staffCookies = new CookieContainer();
        using (var a = cluster.Direct(cluster.A, staffCookies))
        using (var b = cluster.Direct(cluster.B, staffCookies))
        {
            await SignInStaffAsync(a);
            using var stories = await b.GetAsync("/admin/stories");
            Assert.Equal(HttpStatusCode.OK, stories.StatusCode);
        }

        var email = await cluster.SubscriberAsync("es");
        var readerCookies = new CookieContainer();
        using var onA = cluster.Direct(cluster.A, readerCookies);
        using var onB = cluster.Direct(cluster.B, readerCookies);
        using var asked = await onA.PostFormAsync("/es/newsletters/sign-in", [new("email", email), new("website", string.Empty)], origin: cluster.Origin);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var mail = await cluster.Newsroom.Smtp.WaitForAsync(email, TimeSpan.FromSeconds(30));
        var link = new Uri(SignInLink().Match(mail.TextBody!).Value).AbsolutePath;

        using var pressed = await onB.PostFormAsync(link, [], origin: cluster.Origin);
        Assert.Equal(HttpStatusCode.SeeOther, pressed.StatusCode);
        using var account = await onA.GetAsync("/newsletters/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains(email, await account.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneClientsVotes_SpreadOverBothNodes_MeetOneLimit()
    {
        var client = string.Create(CultureInfo.InvariantCulture, $"203.0.113.{Random.Shared.Next(1, 255)}");
        using var a = cluster.Direct(cluster.A);
        using var b = cluster.Direct(cluster.B);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 16; i++)
        {
            var node = i % 2 == 0 ? a : b;
            using var vote = await node.PostFormAsync(cluster.Poll.PostPath("en"), cluster.VoteFields(i % 2), origin: cluster.Origin, headers: new Dictionary<string, string> { ["X-Forwarded-For"] = client });
            statuses.Add(vote.StatusCode);
        }

        // The default allowance is ten votes a minute per client, whichever node counts them.
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task WithWrkLoadingTheSite_KillingANode_LeavesNginxServingFromTheOther_AndEveryAcknowledgedVoteIsStored()
    {
        var before = await StoredVotesAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(9));
        var wrk = ExternalTool.RunAsync(
            new ProcessStartInfo(ClusterTools.Find("wrk"), ["-t1", "-c8", "-d8s", new Uri(cluster.Proxy.Address, "/en/").ToString()]),
            null,
            TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var pages = ProbeAsync(clock, stop.Token);
        var votes = VoteThroughProxyAsync(stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(2));
        var killedAt = clock.Elapsed;
        cluster.B.Kill();

        var answers = await pages;
        var (attempted, acknowledged) = await votes;
        var load = await wrk;
        try
        {
            Assert.Equal(0, load.ExitCode);
            Assert.Matches(@"\d+ requests in", load.Output);
            var afterWindow = answers.Where(p => p.At > killedAt + TimeSpan.FromSeconds(2)).ToList();
            Assert.NotEmpty(afterWindow);
            Assert.DoesNotContain(afterWindow, p => p.Status >= 500);
            Assert.Contains(afterWindow, p => p.Status == 200);
            Assert.True(acknowledged > 0, "No vote was acknowledged during the run.");
            var stored = await StoredVotesAsync() - before;
            Assert.True(stored >= acknowledged, $"{acknowledged} votes were acknowledged but {stored} stored.");
            Assert.True(stored <= attempted, $"{stored} votes stored from {attempted} sent.");
        }
        finally
        {
            await cluster.B.StartAsync();
        }
    }

    [Fact]
    public async Task WithRedisStopped_TheSiteKeepsAnsweringAndCounting_AndSharesAgainWhenRedisReturns()
    {
        using var a = cluster.Direct(cluster.A);
        using var b = cluster.Direct(cluster.B);
        var before = await StoredVotesAsync();
        cluster.Redis.Stop();
        try
        {
            foreach (var node in new[] { a, b })
            {
                using var front = await node.GetAsync("/es/");
                Assert.Equal(HttpStatusCode.OK, front.StatusCode);
                using var article = await node.GetAsync(cluster.Poll.Story.PathIn("en"));
                Assert.Equal(HttpStatusCode.OK, article.StatusCode);
                using var vote = await node.PostFormAsync(cluster.Poll.PostPath("en"), cluster.VoteFields(0), origin: cluster.Origin, headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.77" });
                Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
                using var ready = await node.GetAsync("/readyz");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                Assert.Contains("\"redis\":\"Degraded\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.Equal(before + 2, await StoredVotesAsync());
            Assert.Contains("Redis is failing", cluster.A.Tail, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.Redis.StartAsync();
        }

        await HealthyAsync(a);
        await HealthyAsync(b);

        await CachedAsync(a, "/es/");
        using var shared = await b.GetAsync("/es/");
        Assert.NotNull(shared.Headers.Age);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/newsletters/sign-in/[A-Za-z0-9_\-\.]+")]
    private static partial Regex SignInLink();

    private sealed record Probe(TimeSpan At, int Status);

    private sealed record PublishedStory(int Id, int StoryVersion, int ArticleVersion, string Path);

    /// <summary>A new story published in English through the API of <paramref name="node"/>.</summary>
    private async Task<PublishedStory> PublishAsync(HttpClient node, string headline)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stories")
        {
            Content = JsonContent.Create(new
            {
                language = "en",
                sectionId = cluster.Poll.Story.SectionId,
                authorIds = new[] { cluster.Poll.Story.AuthorId },
                headline,
                standfirst = "The harbour tries a ferry after midnight for a month.",
                body = "The first crossing left at half past twelve with eleven passengers aboard.",
                publish = true,
            }),
        };
        create.Headers.Authorization = new("Bearer", cluster.ApiKey);
        using var created = await node.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = saved.GetProperty("storyId").GetInt32();
        var story = await node.GetFromJsonAsync<JsonElement>($"/api/v1/stories/{id}");
        var url = story.GetProperty("articles").GetProperty("en").GetProperty("url").GetString()!;
        return new PublishedStory(id, saved.GetProperty("storyVersion").GetInt32(), saved.GetProperty("articleVersion").GetInt32(), new Uri(url).AbsolutePath);
    }

    private async Task ChangeHeadlineAsync(HttpClient node, PublishedStory story, string headline)
    {
        using var change = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/stories/{story.Id}/articles/en")
        {
            Content = JsonContent.Create(new { storyVersion = story.StoryVersion, articleVersion = story.ArticleVersion, headline, publish = true }),
        };
        change.Headers.Authorization = new("Bearer", cluster.ApiKey);
        using var changed = await node.SendAsync(change);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    /// <summary>Asks for the page twice, so the second answer comes from the cache (it carries an <c>Age</c>).</summary>
    private static async Task CachedAsync(HttpClient node, string path)
    {
        (await node.GetAsync(path)).Dispose();
        using var cached = await node.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.True(cached.Headers.Age is not null, $"{path} was not answered from the cache.");
    }

    /// <summary>Waits until the node's <c>/readyz</c> reports every check healthy (Redis found again).</summary>
    private static async Task HealthyAsync(HttpClient node)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            using var ready = await node.GetAsync("/readyz");
            if ((await ready.Content.ReadAsStringAsync()).Contains("\"status\":\"Healthy\"", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("A node did not find Redis again.");
    }

    private static async Task<bool> ShowsWithinAsync(HttpClient node, string path, string text, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            using var page = await node.GetAsync(path);
            if (page.StatusCode == HttpStatusCode.OK && (await page.Content.ReadAsStringAsync()).Contains(System.Net.WebUtility.HtmlEncode(text), StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(50);
        }
        while (clock.Elapsed < within);
        return false;
    }

    private async Task SignInStaffAsync(HttpClient node)
    {
        var (email, password, _) = await StaffSession.CreateAccountAsync(cluster.Newsroom, "Editor");
        using var signedIn = await PostPageFormAsync(node, "/admin/sign-in", [new("email", email), new("password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    private Task<HttpResponseMessage> PostPageFormAsync(HttpClient node, string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        StaffSession.PostPageFormAsync(node, path, fields, origin: cluster.Origin);

    private Task<int> StoredVotesAsync() => cluster.Newsroom.Polls.StoredVotesAsync(cluster.Poll.PollId);

    /// <summary>A reader asking for the front page through nginx every 20 ms, noting when and what was answered.</summary>
    private async Task<List<Probe>> ProbeAsync(Stopwatch clock, CancellationToken stop)
    {
        using var reader = cluster.ThroughProxy();
        var answers = new List<Probe>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var page = await reader.GetAsync("/en/", CancellationToken.None);
                answers.Add(new Probe(clock.Elapsed, (int)page.StatusCode));
            }
            catch (HttpRequestException)
            {
                answers.Add(new Probe(clock.Elapsed, 599));
            }

            await Task.Delay(20, CancellationToken.None);
        }

        return answers;
    }

    /// <summary>Readers at addresses of their own voting through nginx, one vote each, every 100 ms.</summary>
    private async Task<(int Attempted, int Acknowledged)> VoteThroughProxyAsync(CancellationToken stop)
    {
        var attempted = 0;
        var acknowledged = 0;
        var first = Random.Shared.Next(0, 200);
        while (!stop.IsCancellationRequested)
        {
            var from = new IPAddress([127, 0, (byte)(10 + (first + attempted) / 250 % 200), (byte)((first + attempted) % 250 + 2)]);
            using var reader = cluster.ThroughProxy(from);
            attempted++;
            try
            {
                using var vote = await reader.PostFormAsync(cluster.Poll.PostPath("en"), cluster.VoteFields(attempted % 2), origin: cluster.Origin);
                if (vote.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged++;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return (attempted, acknowledged);
    }
}
