using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Infrastructure;

/// <summary>The <c>gaceta</c> command line as a separate process against a test host's database.</summary>
public static class CliProcess
{
    /// <summary>
    /// How to start the command with <paramref name="arguments"/>: no settings file where it runs, everything from
    /// the environment, as for a service.
    /// </summary>
    public static ProcessStartInfo StartInfo(GacetaApp app, params IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(app);
        var start = new ProcessStartInfo("dotnet", [Assembly(), .. arguments])
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        start.Environment["Database__Provider"] = settings["Database:Provider"];
        start.Environment["ConnectionStrings__Gaceta"] = settings["ConnectionStrings:Gaceta"];
        start.Environment["Site__PublicUrl"] = GacetaApp.PublicUrl;
        start.Environment["Site__Languages__0"] = "en";
        start.Environment["Site__Languages__1"] = "es";
        start.Environment["Site__TimeZone"] = "Europe/Madrid";
        start.Environment["Mail__Smtp__Host"] = "127.0.0.1";
        start.Environment["Mail__Smtp__Port"] = app.Smtp.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Mail__Smtp__Security"] = "None";
        return start;
    }

    /// <summary>Runs the command to its end.</summary>
    public static Task<ExternalTool.Result> RunAsync(GacetaApp app, params IEnumerable<string> arguments) =>
        ExternalTool.RunAsync(StartInfo(app, arguments), null, TimeSpan.FromMinutes(2));

    private static string Assembly()
    {
        var path = Path.Combine(Repository.Root, "src", "Gaceta.Cli", "bin", Repository.Configuration, "net10.0", "Gaceta.Cli.dll");
        Assert.True(File.Exists(path), $"Build the solution first: {path} is missing.");
        return path;
    }
}
