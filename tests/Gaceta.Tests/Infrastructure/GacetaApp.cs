using Gaceta.Data;
using Gaceta.Web.Infrastructure.Caching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Gaceta.Tests.Infrastructure;

/// <summary>
/// The real web host on a real database of its own, reached over HTTP. Time is a <see cref="FakeTimeProvider"/>
/// that tests move forward; demo seeding is off, so every test makes the data it looks at.
/// </summary>
public abstract class GacetaApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PublicUrl = "https://gaceta.test";

    private readonly TestDatabase _database;
    private readonly string _media = Path.Combine(Path.GetTempPath(), "gaceta-tests", $"media-{Guid.NewGuid():N}");

    protected GacetaApp(DatabaseEngine engine)
    {
        Engine = engine;
        _database = TestDatabase.Create(engine);
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        Stories = new StoryFactory(this);
        Polls = new PollFactory(this);
    }

    /// <summary>The SMTP server the host sends its mail to.</summary>
    public TestSmtpServer Smtp { get; } = new();

    public PollFactory Polls { get; }

    /// <summary>The client address a request comes from when it names none in <see cref="ClientHeader"/>.</summary>
    public const string DefaultClient = "192.0.2.10";

    /// <summary>A test-only header standing in for the socket's remote address, which the test server lacks.</summary>
    public const string ClientHeader = "X-Test-Remote-Address";

    public DatabaseEngine Engine { get; }

    /// <summary>The host's database, for other processes to use as well.</summary>
    public string DatabaseConnectionString => _database.ConnectionString;

    public FakeTimeProvider Clock { get; }

    public StoryFactory Stories { get; }

    /// <summary>The site's public address for this host: the test server's, or a real socket's.</summary>
    protected virtual string SiteUrl => PublicUrl;

    /// <summary>Extra settings a derived host applies over the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", _database.Provider);
        builder.UseSetting("ConnectionStrings:Gaceta", _database.ConnectionString);
        builder.UseSetting("Site:PublicUrl", SiteUrl);
        builder.UseSetting("Site:TimeZone", "Europe/Madrid");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Media:Path", _media);
        builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Mail:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Smtp:Security", "None");
        // Many tests vote from one address; the limits have hosts of their own.
        builder.UseSetting("Polls:VotesPerClientPerMinute", "100000");
        builder.UseSetting("Search:SearchesPerClientPerMinute", "100000");
        // Small batches and two connections, so tests see a send cross several claims.
        builder.UseSetting("Sending:BatchSize", "3");
        builder.UseSetting("Sending:Connections", "2");
        // Tests send editions themselves, when they choose.
        builder.UseSetting("Sending:InWebHost", "false");
        builder.UseSetting("Subscriptions:ConfirmationsPerClientPerHour", "10000");
        // Most tests sign staff in with a password alone; the second factor has tests (and a host) of its own.
        builder.UseSetting("Staff:TwoFactorRoles", "none");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, RemoteAddressFilter>();
        });
    }

    /// <summary>A client that does not follow redirects, so tests see them.</summary>
    public HttpClient CreateReader() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(PublicUrl) });

    /// <summary>Runs <paramref name="work"/> against the host's database in a scope of its own.</summary>
    public async Task<T> WithDbAsync<T>(Func<GacetaDb, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GacetaDb>());
    }

    /// <summary>Runs one use case's handler in a scope of its own, as a request would.</summary>
    public async Task<TResult> SendAsync<THandler, TResult>(Func<THandler, Task<TResult>> work)
        where THandler : notnull
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    /// <summary>What the scheduler does when it next runs: publishes the articles whose time has come.</summary>
    public Task PublishDueAsync() =>
        SendAsync<Gaceta.Articles.PublishScheduledArticles.Handler, IReadOnlyList<Gaceta.Articles.ReaderChange>>(h => h.HandleAsync(CancellationToken.None));

    /// <summary>What publishing a change to the story does to the reader cache.</summary>
    public async Task EvictStoryAsync(CreatedStory story)
    {
        ArgumentNullException.ThrowIfNull(story);
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReaderCacheInvalidator>()
            .StoryChangedAsync(story.StoryId, story.SectionId, [story.AuthorId], CancellationToken.None);
    }

    public virtual Task InitializeAsync()
    {
        // Building the host starts it: migrations run before the first request.
        _ = Server;
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
        await Smtp.DisposeAsync();
        if (Directory.Exists(_media))
        {
            Directory.Delete(_media, recursive: true);
        }
    }

    /// <summary>Gives each test request the remote address it names, before anything else looks at it.</summary>
    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var named = context.Request.Headers[ClientHeader].ToString();
                context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Parse(named.Length > 0 ? named : DefaultClient);
                if (named.Length > 0)
                {
                    context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(named);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class SqliteApp() : GacetaApp(DatabaseEngine.Sqlite);

public sealed class PostgresApp() : GacetaApp(DatabaseEngine.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteHost : ICollectionFixture<SqliteApp>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresHost : ICollectionFixture<PostgresApp>
{
    public const string Name = "PostgreSQL";
}
