using Gaceta.Security;
using Microsoft.Extensions.Options;

namespace Gaceta.Subscribers;

/// <summary>
/// Limits how many confirmation mails one client can cause, so the form cannot be used to flood strangers'
/// inboxes.
/// </summary>
public sealed class ConfirmationThrottle(IOptions<SubscriptionOptions> options) : IDisposable
{
    private readonly PerClientLimiter _perClient = new(options.Value.ConfirmationsPerClientPerHour, TimeSpan.FromHours(1));

    public bool TryAcquire(string client) => _perClient.TryAcquire(client) is null;

    public void Dispose() => _perClient.Dispose();
}
