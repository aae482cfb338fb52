using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gaceta.Tests.Cluster;

/// <summary>
/// A real server a test starts (a web node, Redis, nginx) and ends by its own PID. What it prints is kept, to be
/// shown when it misbehaves.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _log = new();

    private readonly Process _process;

    private ServiceProcess(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        if (!_process.Start())
        {
            throw new InvalidOperationException($"{start.FileName} did not start.");
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it printed.</summary>
    public string Tail => string.Join('\n', _log.TakeLast(40));

    public static ServiceProcess Start(ProcessStartInfo start) => new(start);

    /// <summary>Waits until it accepts connections on <paramref name="port"/>, or fails with what it printed.</summary>
    public async Task WaitForPortAsync(int port)
    {
        for (var attempt = 0; attempt < 100 && !_process.HasExited; attempt++)
        {
            try
            {
                using var socket = new System.Net.Sockets.TcpClient();
                await socket.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"{_process.StartInfo.FileName} did not start:\n{Tail}");
    }

    /// <summary>Ends it at once, as <c>kill -9</c> would: no shutdown, no goodbye.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 400)
        {
            _log.TryDequeue(out _);
        }
    }
}
