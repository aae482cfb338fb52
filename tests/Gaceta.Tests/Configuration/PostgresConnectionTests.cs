using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Gaceta.Tests.Configuration;

/// <summary>How the configured PostgreSQL connection string reaches Npgsql.</summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public void StatementsArePrepared_UnlessTheConnectionStringSaysOtherwise()
    {
        var defaulted = Effective("Host=db.example;Username=gaceta;Database=gaceta");
        Assert.Equal(64, defaulted.MaxAutoPrepare);
        Assert.Equal(2, defaulted.AutoPrepareMinUsages);
        Assert.Equal("db.example", defaulted.Host);

        var off = Effective("Host=db.example;Username=gaceta;Database=gaceta;Max Auto Prepare=0");
        Assert.Equal(0, off.MaxAutoPrepare);
    }

    private static NpgsqlConnectionStringBuilder Effective(string configured)
    {
        var builder = new DbContextOptionsBuilder<GacetaDb>();
        DataServiceCollectionExtensions.Configure(builder, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = configured });
        var relational = builder.Options.Extensions.OfType<RelationalOptionsExtension>().Single();
        return new NpgsqlConnectionStringBuilder(relational.ConnectionString);
    }
}
