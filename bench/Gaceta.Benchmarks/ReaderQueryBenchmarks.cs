using BenchmarkDotNet.Attributes;
using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Demo;
using Gaceta.Sections;
using Gaceta.Site;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Benchmarks;

/// <summary>What an uncached reader page asks of the database, on the demo content in a SQLite file.</summary>
[MemoryDiagnoser]
public class ReaderQueryBenchmarks
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"gaceta-bench-{Guid.NewGuid():N}.db");
    private ServiceProvider _services = null!;
    private string _slug = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<SiteOptions>(o => o.Languages = ["en", "es"]);
        services.Configure<DatabaseOptions>(o => o.ConnectionString = $"Data Source={_file}");
        services.AddGacetaCore(new ConfigurationBuilder().Build());
        _services = services.BuildServiceProvider();

        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        _slug = await scope.ServiceProvider.GetRequiredService<GacetaDb>().Articles
            .Where(a => a.Language == "en").OrderByDescending(a => a.PublishedAt).Select(a => a.Slug).FirstAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Benchmark]
    public async Task<object?> ReadArticle()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReadArticle.Handler>()
            .HandleAsync(new ReadArticle.Query("en", _slug), CancellationToken.None);
    }

    [Benchmark]
    public async Task<object> ReadFrontPage()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReadFrontPage.Handler>()
            .HandleAsync(new ReadFrontPage.Query("es"), CancellationToken.None);
    }

    [Benchmark]
    public async Task<object> ListSections()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ListSections.Handler>()
            .HandleAsync(new ListSections.Query("en"), CancellationToken.None);
    }
}
