using System.Diagnostics;
using System.Globalization;
using Gaceta.Tests.Infrastructure;

namespace Gaceta.Tests.Cluster;

/// <summary>
/// nginx on loopback in front of the nodes, round robin, set up as <c>docs/operations.md</c> shows: a node that
/// refuses connections is skipped and a failed GET is tried on the next node.
/// </summary>
public sealed class LoadBalancer : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gaceta-tests", $"nginx-{Guid.NewGuid():N}");

    private ServiceProcess? _process;

    public int Port { get; } = FreePorts.Next();

    public Uri Address => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The site's host as readers name it.</summary>
    public string Host => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public async Task StartAsync(IEnumerable<ClusterNode> nodes)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "temp"));
        // Workers run as an unprivileged user and buffer large answers here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(_folder, "temp"), (UnixFileMode)0b111_111_111);
        }
        var servers = string.Join('\n', nodes.Select(n => $"        server 127.0.0.1:{n.Port.ToString(CultureInfo.InvariantCulture)} max_fails=1 fail_timeout=5s;"));
        var temp = Path.Combine(_folder, "temp");
        var configuration = $$"""
            worker_processes 1;
            daemon off;
            pid {{_folder}}/nginx.pid;
            error_log {{_folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{temp}};
                proxy_temp_path {{temp}};
                fastcgi_temp_path {{temp}};
                uwsgi_temp_path {{temp}};
                scgi_temp_path {{temp}};
                upstream gaceta {
            {{servers}}
                    keepalive 32;
                }
                server {
                    listen 127.0.0.1:{{Port.ToString(CultureInfo.InvariantCulture)}};
                    location / {
                        proxy_pass http://gaceta;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_connect_timeout 1s;
                        proxy_next_upstream error timeout http_502 http_503;
                    }
                }
            }
            """;
        var file = Path.Combine(_folder, "nginx.conf");
        await File.WriteAllTextAsync(file, configuration);
        _process = ServiceProcess.Start(new ProcessStartInfo(ClusterTools.Find("nginx"), ["-c", file, "-p", _folder]));
        await _process.WaitForPortAsync(Port);
    }

    public void Dispose()
    {
        _process?.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
