using Gaceta.Tests.Infrastructure;

namespace Gaceta.Tests.Configuration;

/// <summary>The command line reads the same settings as the web host, and a wrong one is one clear line.</summary>
public sealed class CommandLineConfigurationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("Site__TimeZone", "Mars/Olympus_Mons", "Site:TimeZone", 78)]
    [InlineData("Database__Provider", "Oracle", "Database:Provider", 78)]
    [InlineData("Site__PublicUrl", "not a url", "Site:PublicUrl", 78)]
    [InlineData("Mail__Smtp__Security", "Plain", "Mail:Smtp:Security", 78)]
    [InlineData("Staff__TwoFactorRoles", "Owner", "Staff:TwoFactorRoles", 78)]
    [InlineData("Sending__BatchSize", "0", "BatchSize", 78)]
    public async Task AWrongSetting_IsOneLineAndANonZeroExit_NotAStackTrace(string variable, string value, string named, int exitCode)
    {
        var start = CliProcess.StartInfo(app, "db", "migrate");
        start.Environment[variable] = value;

        var result = await ExternalTool.RunAsync(start, null, TimeSpan.FromMinutes(1));

        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("gaceta: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Site__TimeZone", "Mars/Olympus_Mons", "Gaceta cannot start: Site:TimeZone is not a known time zone.")]
    [InlineData("ConnectionStrings__Redis", "redis:6379,flavour=strawberry", "Gaceta cannot start: ConnectionStrings:Redis is not a Redis connection string (")]
    [InlineData("ConnectionStrings__Redis", "password=only", "Gaceta cannot start: ConnectionStrings:Redis names no server (host:port).")]
    public async Task TheWebHost_WithAWrongSetting_StopsWithOneLineAndExitCode78(string setting, string value, string message)
    {
        var folder = Path.Combine(Repository.Root, "src", "Gaceta.Web", "bin", Repository.Configuration, "net10.0");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(folder, "Gaceta.Web.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[setting] = value;
        start.Environment["ConnectionStrings__Gaceta"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"gaceta-misconfigured-{Guid.NewGuid():N}.db")}";

        var result = await ExternalTool.RunAsync(start, null, TimeSpan.FromMinutes(1));

        Assert.Equal(78, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWebHost_NotMigratingOnStart_RefusesAnOlderSchemaInOneLine_AndStartsOnceTheReleaseStepMigrated()
    {
        var folder = Path.Combine(Repository.Root, "src", "Gaceta.Web", "bin", Repository.Configuration, "net10.0");
        var database = $"Data Source={Path.Combine(Path.GetTempPath(), $"gaceta-release-{Guid.NewGuid():N}.db")}";
        System.Diagnostics.ProcessStartInfo Host(int port)
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(folder, "Gaceta.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ConnectionStrings__Gaceta"] = database;
            start.Environment["Database__MigrateOnStartup"] = "false";
            start.Environment["Demo__Seed"] = "false";
            start.Environment["Site__PublicUrl"] = $"http://127.0.0.1:{port}";
            return start;
        }

        var refused = await ExternalTool.RunAsync(Host(0), null, TimeSpan.FromMinutes(1));

        Assert.Equal(75, refused.ExitCode);
        var line = Assert.Single(refused.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Gaceta cannot start: the database schema is older than this version (", line, StringComparison.Ordinal);
        Assert.EndsWith("Run 'gaceta db migrate' as the release step, or set Database:MigrateOnStartup=true on a single node.", line, StringComparison.Ordinal);

        var migrate = CliProcess.StartInfo(app, "db", "migrate");
        migrate.Environment["ConnectionStrings__Gaceta"] = database;
        Assert.Equal(0, (await ExternalTool.RunAsync(migrate, null, TimeSpan.FromMinutes(1))).ExitCode);
        var port = FreePorts.Next();
        using var host = System.Diagnostics.Process.Start(Host(port))!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var ready = System.Net.HttpStatusCode.ServiceUnavailable;
            for (var attempt = 0; attempt < 120 && ready != System.Net.HttpStatusCode.OK && !host.HasExited; attempt++)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                    ready = response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(500);
                }
            }

            Assert.Equal(System.Net.HttpStatusCode.OK, ready);
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }

            await host.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task WithNoSettingsFileWhereItRuns_TheCommandUsesTheHostsDefaults()
    {
        // The command runs in an empty folder: the database is the test host's, everything else the host's defaults.
        var result = await CliProcess.RunAsync(app, "db", "migrate");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Database schema is up to date.", result.Output.Trim());
        Assert.Equal(string.Empty, result.Errors.Trim());
    }
}
