using System.Diagnostics;

namespace Gaceta.Tests.Infrastructure;

/// <summary>Runs a real outside program (feedparser, xmllint) on a document given on its standard input.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static Task<Result> RunAsync(string program, IEnumerable<string> arguments, byte[] input) =>
        RunAsync(new ProcessStartInfo(program, arguments), input);

    /// <summary>Runs <paramref name="start"/> to its end, feeding it <paramref name="input"/> when given, and collects both outputs.</summary>
    public static async Task<Result> RunAsync(ProcessStartInfo start, byte[]? input, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardInput = input is not null;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(input);
            process.StandardInput.Close();
        }

        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        return new Result(process.ExitCode, await output, await errors);
    }

    /// <summary>xmllint's verdict: exit code 0 means well-formed.</summary>
    public static Task<Result> XmlLintAsync(byte[] document) => RunAsync("xmllint", ["--noout", "-"], document);
}
