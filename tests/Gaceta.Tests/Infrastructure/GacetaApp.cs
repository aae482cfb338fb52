using Gaceta.Data;
using Gaceta.Web.Infrastructure.Caching;
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

    protected GacetaApp(DatabaseEngine engine)
    {
        Engine = engine;
        _database = TestDatabase.Create(engine);
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));
        Stories = new StoryFactory(this);
    }

    public DatabaseEngine Engine { get; }

    public FakeTimeProvider Clock { get; }

    public StoryFactory Stories { get; }

    /// <summary>Extra settings a derived host applies over the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", _database.Provider);
        builder.UseSetting("ConnectionStrings:Gaceta", _database.ConnectionString);
        builder.UseSetting("Site:PublicUrl", PublicUrl);
        builder.UseSetting("Site:TimeZone", "Europe/Madrid");
        builder.UseSetting("Demo:Seed", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
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
