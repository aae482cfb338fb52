using System.Diagnostics;
using System.Globalization;
using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Search;
using Gaceta.Sections;
using Gaceta.Site;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Benchmarks;

/// <summary>
/// <c>search-latency &lt;Sqlite|Postgres&gt; &lt;connection string&gt; [articles] [queries]</c>: fills the database
/// with generated articles (English and Spanish, a Zipf-like vocabulary with accented Spanish words) up to the
/// count asked, then times the search use case, one query after another as a reader would send them, and prints
/// p50, p90, p99 and the mean, overall and per kind of query.
/// </summary>
internal static class SearchLatency
{
    private static readonly string[] English =
    [
        "harbour", "council", "ferry", "vote", "budget", "strike", "port", "island", "fishing", "weather", "storm", "school",
        "hospital", "election", "mayor", "minister", "tourism", "housing", "market", "police", "court", "energy", "wind",
        "crane", "quay", "tide", "lighthouse", "festival", "museum", "bridge", "railway", "airport", "water", "drought",
    ];

    private static readonly string[] Spanish =
    [
        "política", "economía", "puerto", "ayuntamiento", "huelga", "isla", "pesca", "tormenta", "elección", "alcaldía",
        "ministra", "turismo", "vivienda", "mercado", "policía", "tribunal", "energía", "viento", "grúa", "muelle", "marea",
        "faro", "fiesta", "museo", "puente", "tren", "aeropuerto", "agua", "sequía", "educación", "sanidad", "presupuesto",
    ];

    private static readonly string[] EnglishFunction = ["the", "of", "and", "to", "in", "a", "said", "that", "for", "on"];

    private static readonly string[] SpanishFunction = ["de", "la", "el", "en", "y", "que", "los", "se", "del", "las"];

    /// <summary>Ranks in the made-up language's Zipf vocabulary: the real words sit where topic words sit in news text.</summary>
    private const int VocabularySize = 20_000;

    private static readonly double[] Cumulative = BuildCumulative();

    private static readonly (string Kind, string Language, string Text)[] Queries =
    [
        ("frequent word (~20 % of articles)", "en", "harbour"),
        ("frequent word (~20 % of articles)", "es", "política"),
        ("accent left out", "es", "politica"),
        ("topic word (~7 % of articles)", "en", "drought"),
        ("topic word (~7 % of articles)", "es", "presupuesto"),
        ("two words", "en", "ferry strike"),
        ("two words", "es", "huelga muelle"),
        ("rare word (~0.2 % of articles)", "en", Synthetic("en", 12_000)),
        ("rare word (~0.2 % of articles)", "es", Synthetic("es", 12_000)),
        ("no match", "en", "qqqnothing"),
        ("word in nearly every article", "en", "said"),
        ("word in nearly every article", "es", "que"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || !Enum.TryParse<DatabaseProvider>(args[0], ignoreCase: true, out var provider))
        {
            await Console.Error.WriteLineAsync("Usage: search-latency <Sqlite|Postgres> <connection string> [articles=100000] [queries=2000]");
            return 2;
        }

        var articles = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var queries = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2_000;
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<SiteOptions>(o => o.Languages = ["en", "es"]);
        services.Configure<DatabaseOptions>(o =>
        {
            o.Provider = provider;
            o.ConnectionString = args[1];
        });
        services.AddGacetaCore(new ConfigurationBuilder().Build());
        await using var provider2 = services.BuildServiceProvider();
        await using (var scope = provider2.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            var db = scope.ServiceProvider.GetRequiredService<GacetaDb>();
            await FillAsync(db, articles);
            if (provider == DatabaseProvider.Postgres)
            {
                // What autovacuum does to a table that grew by a fifth: visibility map and planner statistics.
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }
        }

        // Warm-up: connections, query plans, the page cache.
        foreach (var query in Queries)
        {
            await SearchAsync(provider2, query.Language, query.Text);
        }

        var timings = new List<(string Kind, double Ms)>();
        var random = new Random(7);
        for (var i = 0; i < queries; i++)
        {
            var query = Queries[random.Next(Queries.Length)];
            var watch = Stopwatch.StartNew();
            await SearchAsync(provider2, query.Language, query.Text);
            timings.Add((query.Kind, watch.Elapsed.TotalMilliseconds));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}, {articles:N0} articles, {queries:N0} queries one at a time"));
        Console.WriteLine("| queries | count | p50 (ms) | p90 (ms) | p99 (ms) | mean (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Print("all", timings.Select(t => t.Ms).ToList());
        foreach (var kind in Queries.Select(q => q.Kind).Distinct())
        {
            Print(kind, timings.Where(t => t.Kind == kind).Select(t => t.Ms).ToList());
        }

        return 0;
    }

    private static async Task SearchAsync(IServiceProvider services, string language, string text)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SearchArticles.Handler>()
            .HandleAsync(new SearchArticles.Query(language, text), CancellationToken.None);
    }

    private static void Print(string kind, List<double> ms)
    {
        ms.Sort();
        double At(double p) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(p * ms.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {ms.Count} | {At(0.50):F2} | {At(0.90):F2} | {At(0.99):F2} | {ms.Average():F2} |"));
    }

    /// <summary>Adds one-language stories (every tenth in both languages) until there are <paramref name="target"/> articles.</summary>
    private static async Task FillAsync(GacetaDb db, int target)
    {
        var existing = await db.Articles.CountAsync();
        if (existing >= target)
        {
            return;
        }

        var section = await db.Sections.FirstOrDefaultAsync();
        if (section is null)
        {
            section = new Section { Position = 1, Names = [new() { Language = "en", Name = "News", Slug = "news" }, new() { Language = "es", Name = "Noticias", Slug = "noticias" }] };
            db.Sections.Add(section);
            await db.SaveChangesAsync();
        }

        var random = new Random(42);
        var start = DateTime.UtcNow.AddDays(-400);
        var watch = Stopwatch.StartNew();
        var made = existing;
        var serial = existing;
        while (made < target)
        {
            for (var i = 0; i < 1000 && made < target; i++)
            {
                serial++;
                var at = start.AddMinutes(serial * 5 % (400 * 24 * 60));
                var story = new Story { SectionId = section.Id, CreatedAt = at, Version = 1 };
                var languages = serial % 10 == 0 ? new[] { "en", "es" } : [serial % 2 == 0 ? "en" : "es"];
                foreach (var language in languages)
                {
                    story.Articles.Add(new Article
                    {
                        Language = language,
                        Headline = Words(random, language, 9),
                        Standfirst = Words(random, language, 24),
                        Slug = string.Create(CultureInfo.InvariantCulture, $"generated-{language}-{serial}"),
                        Body = Paragraphs(random, language, serial),
                        Status = ArticleStatus.Published,
                        PublishedAt = at,
                        CreatedAt = at,
                        UpdatedAt = at,
                        Version = 1,
                        Revision = 1,
                    });
                    made++;
                }

                db.Stories.Add(story);
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            if (made % 10_000 < 1000)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{made:N0} articles ({watch.Elapsed.TotalSeconds:F0} s)"));
            }
        }
    }

    private static string Paragraphs(Random random, string language, int serial) =>
        string.Join("\n\n", Enumerable.Range(0, 4).Select(_ => Words(random, language, 50)));

    /// <summary>Words drawn from a Zipf distribution (s = 1) over the vocabulary, as word frequencies in text are.</summary>
    private static string Words(Random random, string language, int count)
    {
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            var rank = Array.BinarySearch(Cumulative, random.NextDouble());
            words[i] = Word(language, rank < 0 ? ~rank : rank);
        }

        return string.Join(' ', words);
    }

    /// <summary>Ranks 0–9 are function words, ranks 100, 106, … 298 the real topic words, the rest made up.</summary>
    private static string Word(string language, int rank)
    {
        var function = language == "en" ? EnglishFunction : SpanishFunction;
        var topic = language == "en" ? English : Spanish;
        if (rank < function.Length)
        {
            return function[rank];
        }

        return rank >= 100 && (rank - 100) % 6 == 0 && (rank - 100) / 6 < topic.Length ? topic[(rank - 100) / 6] : Synthetic(language, rank);
    }

    private static double[] BuildCumulative()
    {
        var weights = Enumerable.Range(0, VocabularySize).Select(k => 1.0 / (k + 1)).ToArray();
        var total = weights.Sum();
        var cumulative = new double[VocabularySize];
        var sum = 0.0;
        for (var k = 0; k < VocabularySize; k++)
        {
            sum += weights[k] / total;
            cumulative[k] = sum;
        }

        return cumulative;
    }

    private static string Synthetic(string language, int n)
    {
        Span<char> letters = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            letters[i] = (char)('a' + (n % 26));
            n /= 26;
        }

        return (language == "en" ? "ta" : "pa") + new string(letters);
    }
}
