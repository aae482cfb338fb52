using System.Diagnostics;

namespace Gaceta.Tests.Infrastructure;

/// <summary>Runs a real outside program (feedparser, xmllint) on a document given on its standard input.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, byte[] input)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await errors);
    }

    /// <summary>xmllint's verdict: exit code 0 means well-formed.</summary>
    public static Task<Result> XmlLintAsync(byte[] document) => RunAsync("xmllint", ["--noout", "-"], document);
}
