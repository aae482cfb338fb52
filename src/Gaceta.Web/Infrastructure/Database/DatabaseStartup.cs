using Gaceta.Data;
using Gaceta.Demo;
using Gaceta.Security;
using Gaceta.Staff;
using Gaceta.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Infrastructure.Database;

/// <summary>
/// Before the server takes requests: migrates the schema when <see cref="DatabaseOptions.MigrateOnStartup"/>
/// is on and refuses to start on an older one when it is off, loads the installation's keys, then seeds the demo stories into an empty database when
/// <see cref="DemoOptions.Seed"/> is on.
/// </summary>
internal sealed partial class DatabaseStartup(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> database,
    IOptions<DemoOptions> demo,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        if (database.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
            LogMigrated(database.Value.Provider);
        }
        else if (await migrator.PendingAsync(cancellationToken) is { Count: > 0 } pending)
        {
            // A cluster migrates once, as its release step; a node never runs on a schema older than its code.
            throw new DatabaseSchemaException(pending);
        }

        await scope.ServiceProvider.GetRequiredService<InstallationKeys>()
            .LoadAsync(scope.ServiceProvider.GetRequiredService<GacetaDb>(), cancellationToken);

        if (demo.Value.Seed)
        {
            var added = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
            LogSeeded(added);
            await CreateDemoAdministratorAsync(scope.ServiceProvider, cancellationToken);
        }
    }

    /// <summary>
    /// A demo database with no staff gets one administrator, whose generated password is printed once. There is
    /// no default password: a second start prints nothing, and a lost password is replaced with the command line.
    /// </summary>
    private static async Task CreateDemoAdministratorAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<GacetaDb>().Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var result = await services.GetRequiredService<AddStaffMember.Handler>().HandleAsync(
            new AddStaffMember.Command(DemoAdministrator, StaffRoles.Administrator, "Demo administrator", null, null),
            cancellationToken);
        if (result.Succeeded)
        {
            // Straight to the console, whatever the log level: this is the only time the password exists in the clear.
            Console.WriteLine();
            Console.WriteLine("  Staff sign-in for this demo database (shown once):");
            Console.WriteLine($"    {AdminArea.SignInPath}   email: {DemoAdministrator}   password: {result.GeneratedPassword}");
            Console.WriteLine();
        }
    }

    /// <summary>The demo administrator's sign-in email.</summary>
    public const string DemoAdministrator = "admin@gaceta.localhost";

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date ({Provider}).")]
    private partial void LogMigrated(DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo content: {Count} stories added.")]
    private partial void LogSeeded(int count);
}
