using System.ComponentModel.DataAnnotations;

namespace Gaceta.Data;

/// <summary>Which database engine Gaceta uses and how it treats the schema. Bound from <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><see cref="DatabaseProvider.Sqlite"/> (default, a file, zero setup) or <see cref="DatabaseProvider.Postgres"/>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The connection string (<c>ConnectionStrings:Gaceta</c>). When empty on SQLite, <c>data/gaceta.db</c> is used.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending migrations when the web host starts. Convenient for the demo and single-machine installs;
    /// a production deployment with several nodes turns it off and migrates as an explicit release step.
    /// </summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seconds a command may run before it is abandoned.</summary>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
