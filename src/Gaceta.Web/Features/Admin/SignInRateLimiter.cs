using Gaceta.Security;

namespace Gaceta.Web.Features.Admin;

/// <summary>
/// Sign-in attempts per client address, whatever accounts they name: <see cref="SignInThrottle"/> slows guessing at
/// one account, this slows one address trying many.
/// </summary>
public sealed class SignInRateLimiter : IDisposable
{
    /// <summary>Attempts one address may make in <see cref="Window"/>.</summary>
    public const int Attempts = 20;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly PerClientLimiter _perClient = new(Attempts, Window);

    public TimeSpan? TryAcquire(string client) => _perClient.TryAcquire(client);

    public void Dispose() => _perClient.Dispose();
}
