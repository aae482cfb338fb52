using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Search;
using Gaceta.Sections;
using Gaceta.Site;
using Gaceta.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Search;

/// <summary>
/// Upgrading a PostgreSQL database from the search vector kept in the Articles table to the narrow search table:
/// the articles already there must be found afterwards, and only the published ones.
/// </summary>
public sealed class PostgresSearchMigrationTests
{
    private const string BeforeSearchTable = "20261202032416_DataProtectionKeys";

    [Fact]
    public async Task TheSearchTableMigration_IndexesThePublishedArticlesAlreadyThere()
    {
        await using var database = PostgresTestDatabase.Create();
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<SiteOptions>(o => o.Languages = ["en", "es"]);
        services.Configure<DatabaseOptions>(o =>
        {
            o.Provider = DatabaseProvider.Postgres;
            o.ConnectionString = database.ConnectionString;
        });
        services.AddGacetaCore(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        int published;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GacetaDb>();
            await db.GetService<IMigrator>().MigrateAsync(BeforeSearchTable);
            var at = DateTime.UtcNow.AddHours(-1);
            var story = new Story
            {
                CreatedAt = at,
                Version = 1,
                Section = new Section { Position = 1, Names = [new() { Language = "en", Name = "Coast", Slug = "coast" }, new() { Language = "es", Name = "Costa", Slug = "costa" }] },
                Articles =
                [
                    Article("en", "Lighthouse keepers return", "The old lighthouse is lit again.", ArticleStatus.Published, at),
                    Article("es", "Vuelven los fareros", "El viejo faro vuelve a encenderse.", ArticleStatus.Draft, null),
                ],
            };
            db.Stories.Add(story);
            await db.SaveChangesAsync();
            published = story.Articles.Single(a => a.Language == "en").Id;
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var search = scope.ServiceProvider.GetRequiredService<SearchArticles.Handler>();
            var english = await search.HandleAsync(new SearchArticles.Query("en", "lighthouse"), CancellationToken.None);
            Assert.Equal([published], english.Hits.Select(h => h.ArticleId));
            var spanish = await search.HandleAsync(new SearchArticles.Query("es", "faro"), CancellationToken.None);
            Assert.Empty(spanish.Hits);
        }
    }

    private static Article Article(string language, string headline, string body, ArticleStatus status, DateTime? publishedAt) => new()
    {
        Language = language,
        Headline = headline,
        Standfirst = headline,
        Slug = language == "en" ? "lighthouse-keepers" : "fareros",
        Body = body,
        Status = status,
        PublishedAt = publishedAt,
        CreatedAt = DateTime.UtcNow.AddHours(-2),
        UpdatedAt = DateTime.UtcNow.AddHours(-2),
        Version = 1,
        Revision = 1,
    };
}
