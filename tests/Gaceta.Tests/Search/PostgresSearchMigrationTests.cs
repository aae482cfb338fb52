using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Search;
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
            // Rows as the schema of that day held them: written in SQL, because today's model has columns that
            // schema does not.
            var section = await db.Database.SqlQuery<int>($"""INSERT INTO "Sections" ("Position") VALUES (1) RETURNING "Id" AS "Value" """).ToListAsync();
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "SectionNames" ("SectionId", "Language", "Name", "Slug") VALUES ({section[0]}, 'en', 'Coast', 'coast'), ({section[0]}, 'es', 'Costa', 'costa')""");
            var story = await db.Database.SqlQuery<int>($"""INSERT INTO "Stories" ("CreatedAt", "SectionId", "Version") VALUES ({at}, {section[0]}, 1) RETURNING "Id" AS "Value" """).ToListAsync();
            published = await InsertArticleAsync(db, story[0], "en", "Lighthouse keepers return", "The old lighthouse is lit again.", ArticleStatus.Published, at);
            await InsertArticleAsync(db, story[0], "es", "Vuelven los fareros", "El viejo faro vuelve a encenderse.", ArticleStatus.Draft, null);
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

    private static async Task<int> InsertArticleAsync(GacetaDb db, int storyId, string language, string headline, string body, ArticleStatus status, DateTime? publishedAt)
    {
        var slug = language == "en" ? "lighthouse-keepers" : "fareros";
        var state = status.ToString();
        var ids = await db.Database.SqlQuery<int>($"""
            INSERT INTO "Articles" ("StoryId", "Language", "Headline", "Standfirst", "Slug", "Body", "Status", "PublishedAt", "CreatedAt", "UpdatedAt", "Revision", "Version")
            VALUES ({storyId}, {language}, {headline}, {headline}, {slug}, {body}, {state}, {publishedAt}, {DateTime.UtcNow}, {DateTime.UtcNow}, 1, 1)
            RETURNING "Id" AS "Value"
            """).ToListAsync();
        return ids[0];
    }
}
