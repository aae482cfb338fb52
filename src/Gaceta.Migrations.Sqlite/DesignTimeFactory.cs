using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gaceta.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the model for SQLite without starting the web host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<GacetaDb>
{
    public GacetaDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<GacetaDb>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = "Data Source=design-time.db",
        });
        return new GacetaDb(builder.Options);
    }
}
