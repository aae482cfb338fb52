using Gaceta.Data;
using Gaceta.Site;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gaceta.Cli;

/// <summary>
/// <c>gaceta</c>: operator commands run beside the web host, reading the same settings (its
/// <c>appsettings.json</c> in the working directory, then <c>Section__Key</c> environment variables).
/// </summary>
internal static class CliProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // The command's own arguments are not settings.
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<SiteOptions>(builder.Configuration.GetSection(SiteOptions.SectionName));
        builder.Services.Configure<DatabaseOptions>(options =>
        {
            builder.Configuration.GetSection(DatabaseOptions.SectionName).Bind(options);
            if (builder.Configuration.GetConnectionString("Gaceta") is { Length: > 0 } connectionString)
            {
                options.ConnectionString = connectionString;
            }
        });
        builder.Services.Configure<Gaceta.Mail.MailOptions>(builder.Configuration.GetSection(Gaceta.Mail.MailOptions.SectionName));
        builder.Services.Configure<Gaceta.Newsletters.SendingOptions>(builder.Configuration.GetSection(Gaceta.Newsletters.SendingOptions.SectionName));
        builder.Services.AddGacetaCore();

        using var host = builder.Build();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        // A service manager's stop (SIGTERM) is a graceful stop too: finish what is in flight, then exit.
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
        return await Commands.RunAsync(args, host.Services, new Terminal(Console.Out, Console.Error, Console.In, !Console.IsInputRedirected), cancel.Token);
    }
}
