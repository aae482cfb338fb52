namespace Gaceta.Security;

/// <summary>
/// Where per-client allowances are counted: in this process (<see cref="MemoryClientLimits"/>, one node), or where
/// every node of a cluster counts together (the web host's Redis limits).
/// </summary>
public interface IClientLimits
{
    /// <summary>Takes one permit of <paramref name="limit"/> for <paramref name="client"/> (an address's key).</summary>
    /// <returns>Null when the client may go ahead; otherwise how long it should wait.</returns>
    ValueTask<TimeSpan?> TryAcquireAsync(ClientLimit limit, string client, CancellationToken cancellationToken = default);
}
