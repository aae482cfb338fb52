using System.Diagnostics;
using System.Globalization;
using Gaceta.Tests.Infrastructure;

namespace Gaceta.Tests.Cluster;

/// <summary>
/// A Redis server of the test's own on loopback, which the test may stop and start again. It writes every command
/// to an append-only file, so it comes back with what it held, as a production Redis with persistence would.
/// </summary>
public sealed class LocalRedis : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gaceta-tests", $"redis-{Guid.NewGuid():N}");

    private ServiceProcess? _process;

    public int Port { get; } = FreePorts.Next();

    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public async Task StartAsync()
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        Directory.CreateDirectory(_folder);
        _process?.Dispose();
        _process = ServiceProcess.Start(new ProcessStartInfo(
            ClusterTools.Find("redis-server"),
            ["--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", _folder]));
        await _process.WaitForPortAsync(Port);
    }

    /// <summary>Redis goes away, as a crash would take it: the nodes find out on their next command.</summary>
    public void Stop() => _process?.Kill();

    public void Dispose()
    {
        _process?.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
