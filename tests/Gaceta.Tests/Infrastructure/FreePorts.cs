namespace Gaceta.Tests.Infrastructure;

/// <summary>Loopback ports nothing listens on, for the real processes a test starts.</summary>
public static class FreePorts
{
    /// <summary>A free loopback port, found by letting the system pick one.</summary>
    public static int Next()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
