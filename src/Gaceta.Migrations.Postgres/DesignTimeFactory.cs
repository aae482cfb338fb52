using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gaceta.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the model for PostgreSQL; adding a migration needs no server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<GacetaDb>
{
    public GacetaDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<GacetaDb>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=127.0.0.1;Database=gaceta_design;Username=postgres",
        });
        return new GacetaDb(builder.Options);
    }
}
