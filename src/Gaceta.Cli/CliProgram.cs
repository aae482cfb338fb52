using Gaceta.Data;
using Gaceta.Site;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gaceta.Cli;

/// <summary>
/// <c>gaceta</c>: operator commands run beside the web host, reading the same settings (its
/// <c>appsettings.json</c> in the working directory, then <c>Section__Key</c> environment variables).
/// </summary>
internal static class CliProgram
{
    /// <summary>Exit code of a command that could not start: its settings are wrong.</summary>
    public const int ConfigurationError = 78;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            return await RunAsync(args);
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or FormatException or ArgumentException
            or System.Data.Common.DbException or IOException or UnauthorizedAccessException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // One clear line for the operator, never a stack trace.
            await Console.Error.WriteLineAsync($"gaceta: {OneLine(e)}");
            return Commands.Failed;
        }
    }

    private static string OneLine(Exception e)
    {
        var message = e is OptionsValidationException validation ? string.Join(" ", validation.Failures) : e.Message;
        if (e.InnerException is { } inner && !message.Contains(inner.Message, StringComparison.Ordinal))
        {
            message = $"{message} {inner.Message}";
        }

        return message.ReplaceLineEndings(" ");
    }

    private static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // The command's own arguments are not settings.
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        // Lowest first: the web host's own settings, shipped beside the command.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "gaceta.defaults.json",
            Optional = true,
        });
        // A command speaks for itself: warnings and worse only, and database faults as the one line Main prints.
        builder.Configuration.AddInMemoryCollection(
        [
            new("Logging:LogLevel:Default", nameof(LogLevel.Warning)),
            new("Logging:LogLevel:Microsoft.EntityFrameworkCore", nameof(LogLevel.None)),
        ]);
        // The same settings, checked the same way, as the web host.
        builder.Services.AddGacetaCore(builder.Configuration);

        using var host = builder.Build();
        // Settings are read now, so a wrong one stops the command before it does anything.
        try
        {
            _ = host.Services.GetRequiredService<IOptions<SiteOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<Gaceta.Mail.MailOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<Gaceta.Newsletters.SendingOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<Gaceta.Subscribers.SubscriptionOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<Gaceta.Staff.StaffOptions>>().Value;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or FormatException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"gaceta: {OneLine(e)}");
            return ConfigurationError;
        }
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
