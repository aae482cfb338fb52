using System.Globalization;
using Gaceta.Api;
using Gaceta.Audit;
using Gaceta.Polls;
using Gaceta.Staff;
using Gaceta.Subscribers;
using Gaceta.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Cluster;

/// <summary>
/// The production topology on loopback: PostgreSQL (the test command's), a Redis of its own, two web nodes as
/// separate processes of the built host, and nginx in front of them, round robin.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _media = Path.Combine(Path.GetTempPath(), "gaceta-tests", $"cluster-media-{Guid.NewGuid():N}");

    public ClusterNewsroom Newsroom { get; } = new();

    public LocalRedis Redis { get; } = new();

    public LoadBalancer Proxy { get; } = new();

    public ClusterNode A { get; private set; } = null!;

    public ClusterNode B { get; private set; } = null!;

    /// <summary>A published story with a poll in it, made before the nodes started.</summary>
    public CreatedPoll Poll { get; private set; } = null!;

    /// <summary>The site's address as readers' browsers send it in <c>Origin</c>.</summary>
    public string Origin => Proxy.Address.ToString().TrimEnd('/');

    /// <summary>An editor's API key.</summary>
    public string ApiKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Newsroom.InitializeAsync();
        Poll = await Newsroom.Polls.CreateAsync(withNewsletter: false);
        var actor = new Actor("cluster-test", "Cluster test", StaffRoles.Administrator);
        ApiKey = (await Newsroom.SendAsync<CreateApiKey.Handler, CreateApiKey.Created?>(h => h.HandleAsync(new CreateApiKey.Command("Cluster test", StaffRoles.Editor, actor), CancellationToken.None)))!.Token;

        await Redis.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Gaceta"] = Newsroom.DatabaseConnectionString,
            ["ConnectionStrings__Redis"] = Redis.ConnectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["Demo__Seed"] = "false",
            ["Site__PublicUrl"] = Origin,
            ["Site__TimeZone"] = "Europe/Madrid",
            ["Network__TrustedProxies__0"] = "127.0.0.1",
            ["Media__Path"] = _media,
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = Newsroom.Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
            ["Staff__TwoFactorRoles"] = "none",
        };
        A = new ClusterNode("A", settings);
        B = new ClusterNode("B", settings);
        await A.StartAsync();
        await B.StartAsync();
        await Proxy.StartAsync([A, B]);
    }

    /// <summary>A reader's client through nginx, from its own loopback address when given.</summary>
    public HttpClient ThroughProxy(System.Net.IPAddress? from = null, System.Net.CookieContainer? cookies = null) =>
        LoopbackClients.Create(Proxy.Address, Proxy.Host, from, cookies);

    /// <summary>A client of one node directly (as nginx is: the trusted proxy), naming the site as readers do.</summary>
    public HttpClient Direct(ClusterNode node, System.Net.CookieContainer? cookies = null) =>
        LoopbackClients.Create(node.Address, Proxy.Host, null, cookies);

    /// <summary>A vote form's fields with a token as a page rendered a minute ago (by the nodes' clock) carries it.</summary>
    public List<KeyValuePair<string, string>> VoteFields(int optionIndex) =>
        Forms.Vote(Poll, Poll.OptionIds[optionIndex], token: Newsroom.Services.GetRequiredService<VoteFormTokens>().Issue(Poll.PollId, DateTime.UtcNow.AddMinutes(-1)));

    /// <summary>A subscriber of the newsroom, by address.</summary>
    public Task<string> SubscriberAsync(string language) => Newsroom.WithDbAsync(async db =>
    {
        var subscriber = new Subscriber { Email = $"cluster-{Guid.NewGuid():N}@example.org", Language = language, CreatedAt = DateTime.UtcNow };
        db.Subscribers.Add(subscriber);
        await db.SaveChangesAsync();
        return subscriber.Email;
    });

    public async Task DisposeAsync()
    {
        Proxy.Dispose();
        A?.Dispose();
        B?.Dispose();
        Redis.Dispose();
        await ((IAsyncLifetime)Newsroom).DisposeAsync();
        if (Directory.Exists(_media))
        {
            Directory.Delete(_media, recursive: true);
        }
    }
}
