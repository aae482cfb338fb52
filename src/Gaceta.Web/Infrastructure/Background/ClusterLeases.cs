using Gaceta.Data;

namespace Gaceta.Web.Infrastructure.Background;

/// <summary>This node's hold on the leases of background work that runs once per cluster (<see cref="WorkLeases"/>).</summary>
internal sealed class ClusterLeases(IServiceScopeFactory scopes)
{
    public async Task<bool> TryHoldAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkLeases>().TryHoldAsync(name, WorkLeases.ThisNode, duration, cancellationToken);
    }
}
