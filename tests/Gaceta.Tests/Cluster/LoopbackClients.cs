using System.Net;
using System.Net.Sockets;

namespace Gaceta.Tests.Cluster;

/// <summary>
/// HTTP clients for the real processes of a cluster test. A client can speak from a loopback address of its own
/// (127.0.0.2, 127.0.0.3…), so the load balancer sees different readers as it would on the internet.
/// </summary>
public static class LoopbackClients
{
    /// <summary>A client of <paramref name="address"/> naming the site as <paramref name="siteHost"/>, not following redirects.</summary>
    public static HttpClient Create(Uri address, string siteHost, IPAddress? from = null, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies ?? new CookieContainer(),
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Host = siteHost;
        return client;
    }
}
