using Gaceta.Security;

namespace Gaceta.Web.Features.Admin;

/// <summary>
/// Sign-in attempts per client address, whatever accounts they name, on every node together:
/// <see cref="SignInThrottle"/> slows guessing at one account, this slows one address trying many.
/// </summary>
public sealed class SignInRateLimiter(IClientLimits limits)
{
    /// <summary>Attempts one address may make in <see cref="Window"/>.</summary>
    public const int Attempts = 20;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private static readonly ClientLimit Limit = new("sign-in-attempts", Attempts, Window);

    public ValueTask<TimeSpan?> TryAcquireAsync(string client, CancellationToken cancellationToken) =>
        limits.TryAcquireAsync(Limit, client, cancellationToken);
}
