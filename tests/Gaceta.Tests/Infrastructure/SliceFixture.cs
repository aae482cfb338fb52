using Gaceta.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Gaceta.Tests.Infrastructure;

/// <summary>
/// The core alone, without the web host: the same registrations the web host and the command line make
/// (<see cref="GacetaServiceCollectionExtensions.AddGacetaCore"/>), on a real database of its own, each use case
/// run in a fresh scope as a request would run it. Beside the HTTP suite, for rules that are the core's.
/// </summary>
public abstract class SliceFixture(DatabaseEngine engine) : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Create(engine);
    private readonly string _mail = Path.Combine(Path.GetTempPath(), "gaceta-tests", $"mail-{Guid.NewGuid():N}");
    private ServiceProvider _services = null!;

    public DatabaseEngine Engine { get; } = engine;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Saves the tests choose to make fail (see <see cref="FailingSaves"/>).</summary>
    public FailingSaves Failures { get; } = new();

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = _database.Provider,
            ["ConnectionStrings:Gaceta"] = _database.ConnectionString,
            ["Site:PublicUrl"] = GacetaApp.PublicUrl,
            ["Site:Languages:0"] = "en",
            ["Site:Languages:1"] = "es",
            ["Site:TimeZone"] = "Europe/Madrid",
            ["Mail:PickupDirectory"] = _mail,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGacetaCore(configuration);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(Failures);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await ExecuteScopeAsync(provider => provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_mail))
        {
            Directory.Delete(_mail, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="work"/> in a scope of its own, as one request would.</summary>
    public async Task<T> ExecuteScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task ExecuteScopeAsync(Func<IServiceProvider, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = _services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    /// <summary>Runs one use case's handler in a fresh scope.</summary>
    public Task<TResult> SendAsync<THandler, TResult>(Func<THandler, Task<TResult>> work)
        where THandler : notnull =>
        ExecuteScopeAsync(provider => work(provider.GetRequiredService<THandler>()));

    /// <summary>Reads or writes the database in a fresh scope, to arrange a test or check what a use case left.</summary>
    public Task<T> WithDbAsync<T>(Func<GacetaDb, Task<T>> work) =>
        ExecuteScopeAsync(provider => work(provider.GetRequiredService<GacetaDb>()));
}

public sealed class SqliteSlice() : SliceFixture(DatabaseEngine.Sqlite);

public sealed class PostgresSlice() : SliceFixture(DatabaseEngine.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteSliceHost : ICollectionFixture<SqliteSlice>
{
    public const string Name = "SQLite slices";
}

[CollectionDefinition(Name)]
public sealed class PostgresSliceHost : ICollectionFixture<PostgresSlice>
{
    public const string Name = "PostgreSQL slices";
}
