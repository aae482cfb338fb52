using System.Diagnostics;
using System.Globalization;
using Gaceta.Tests.Infrastructure;

namespace Gaceta.Tests.Cluster;

/// <summary>
/// One web node: the built host (<c>Gaceta.Web.dll</c>) as its own process on a port of its own, set up as a
/// cluster's node is (PostgreSQL, Redis, no migrating at start, behind a trusted proxy).
/// </summary>
public sealed class ClusterNode(string name, IReadOnlyDictionary<string, string> settings) : IDisposable
{
    private ServiceProcess? _process;

    public string Name { get; } = name;

    public int Port { get; } = FreePorts.Next();

    public Uri Address => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Starts the node (again, on the same port) and waits until <c>/readyz</c> answers 200.</summary>
    public async Task StartAsync()
    {
        var folder = Path.Combine(Repository.Root, "src", "Gaceta.Web", "bin", Repository.Configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "Gaceta.Web.dll"), "--urls", Address.ToString().TrimEnd('/')])
        {
            WorkingDirectory = folder,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        _process?.Dispose();
        _process = ServiceProcess.Start(start);
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var ready = await probe.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"Node {Name} did not become ready:\n{_process.Tail}");
    }

    /// <summary><c>kill -9</c>.</summary>
    public void Kill() => _process?.Kill();

    public string Tail => _process?.Tail ?? string.Empty;

    public void Dispose() => _process?.Dispose();
}
