using Gaceta.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Gaceta.Tests.Configuration;

/// <summary><c>gaceta db backup</c>: a copy of the SQLite database taken while the site runs, that opens as a database.</summary>
public sealed class DatabaseBackupTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task TheCopy_OpensAsADatabaseWithTheStories_AndTheCommandServesFromIt()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var folder = Directory.CreateTempSubdirectory("gaceta-backup-");
        try
        {
            var copy = Path.Combine(folder.FullName, "gaceta-copy.db");

            var result = await CliProcess.RunAsync(app, "db", "backup", copy);

            Assert.True(result.ExitCode == 0, result.Output + result.Errors);
            await using (var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM Articles WHERE StoryId = $id";
                command.Parameters.AddWithValue("$id", story.StoryId);
                Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!);
            }

            // Restoring is using the copy as the database: the command line opens it as current.
            var restored = CliProcess.StartInfo(app, "db", "migrate");
            restored.Environment["ConnectionStrings__Gaceta"] = $"Data Source={copy};Pooling=False";
            var migrate = await ExternalTool.RunAsync(restored, null, TimeSpan.FromMinutes(1));
            Assert.Equal((0, "Database schema is up to date."), (migrate.ExitCode, migrate.Output.Trim()));

            var again = await CliProcess.RunAsync(app, "db", "backup", copy);
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("A file is already at", again.Errors, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>PostgreSQL's backup as docs/operations.md gives it: <c>pg_dump -Fc</c>, restored with <c>pg_restore</c> into a new database.</summary>
public sealed class PostgresBackupTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task ADumpRestoredIntoANewDatabase_HoldsTheStories_AndItsSchemaIsCurrent()
    {
        var story = await app.Stories.CreateBilingualAsync();
        var source = new Npgsql.NpgsqlConnectionStringBuilder(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(app.Services)["ConnectionStrings:Gaceta"]);
        var target = new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = $"gaceta_restore_{Guid.NewGuid():N}" };
        var dump = Path.Combine(Path.GetTempPath(), $"gaceta-{Guid.NewGuid():N}.dump");
        await using (var server = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await server.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{target.Database}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            Assert.Equal(0, (await RunAsync("pg_dump", source, ["-Fc", "-f", dump])).ExitCode);
            var restore = await RunAsync("pg_restore", target, ["--no-owner", dump]);
            Assert.True(restore.ExitCode == 0, restore.Errors);

            await using (var restored = new Npgsql.NpgsqlConnection(target.ConnectionString))
            {
                await restored.OpenAsync();
                await using var count = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM \"Articles\" WHERE \"StoryId\" = @id", restored);
                count.Parameters.AddWithValue("id", story.StoryId);
                Assert.Equal(2L, (long)(await count.ExecuteScalarAsync())!);
            }

            var migrate = CliProcess.StartInfo(app, "db", "migrate");
            migrate.Environment["ConnectionStrings__Gaceta"] = target.ConnectionString;
            var migrated = await ExternalTool.RunAsync(migrate, null, TimeSpan.FromMinutes(1));
            Assert.Equal((0, "Database schema is up to date."), (migrated.ExitCode, migrated.Output.Trim()));
        }
        finally
        {
            File.Delete(dump);
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var server = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = "postgres" }.ConnectionString);
            await server.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A PostgreSQL client tool from the server's installation, pointed at the database.</summary>
    private static Task<ExternalTool.Result> RunAsync(string tool, Npgsql.NpgsqlConnectionStringBuilder database, string[] arguments)
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists).Order().LastOrDefault()
            : null;
        var start = new System.Diagnostics.ProcessStartInfo(installed ?? tool, [.. arguments, "-h", database.Host!, "-p", database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", database.Username!, "-d", database.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (database.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        return ExternalTool.RunAsync(start, null, TimeSpan.FromMinutes(2));
    }
}
