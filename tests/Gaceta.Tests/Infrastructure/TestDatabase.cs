using Npgsql;

namespace Gaceta.Tests.Infrastructure;

/// <summary>A database of its own for one test host, removed when the host is disposed.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract ValueTask DisposeAsync();

    public static TestDatabase Create(DatabaseEngine engine) => engine switch
    {
        DatabaseEngine.Sqlite => new SqliteTestDatabase(),
        DatabaseEngine.Postgres => PostgresTestDatabase.Create(),
        _ => throw new ArgumentOutOfRangeException(nameof(engine)),
    };
}

public enum DatabaseEngine
{
    Sqlite,
    Postgres,
}

/// <summary>A SQLite file in the temp folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "gaceta-tests", $"{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";

    public override string ConnectionString => $"Data Source={_file}";

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>GACETA_TEST_POSTGRES</c> (the test command starts one
/// on loopback). Without it the PostgreSQL tests fail rather than skip: both engines must be proven.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string ServerVariable = "GACETA_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    private PostgresTestDatabase(string server, string name)
    {
        _server = server;
        _name = name;
    }

    public override string Provider => "Postgres";

    public override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    public static PostgresTestDatabase Create()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the tests with ./test.sh, which starts PostgreSQL on loopback, " +
                $"or point {ServerVariable} at a server where the user may create databases.");
        }

        var name = $"gaceta_test_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        create.ExecuteNonQuery();
        return new PostgresTestDatabase(server, name);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
