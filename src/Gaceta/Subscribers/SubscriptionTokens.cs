using Gaceta.Security;
using Microsoft.Extensions.Options;

namespace Gaceta.Subscribers;

/// <summary>The tokens in subscription links: signed, naming one subscription, each for one purpose.</summary>
public sealed class SubscriptionTokens(InstallationKeys keys, IOptions<SubscriptionOptions> options)
{
    private const string ConfirmPurpose = "subscription-confirm";
    private const string UnsubscribePurpose = "subscription-unsubscribe";
    private const string SignInPurpose = "subscriber-sign-in";

    /// <summary>Confirmation links expire after <see cref="SubscriptionOptions.ConfirmationLinkDays"/>.</summary>
    public string Confirm(int subscriptionId, DateTime utcNow) =>
        keys.CreateToken(ConfirmPurpose, subscriptionId, utcNow.AddDays(options.Value.ConfirmationLinkDays));

    /// <summary>Unsubscribe links never expire: readers may leave at any time.</summary>
    public string Unsubscribe(int subscriptionId) => keys.CreateToken(UnsubscribePurpose, subscriptionId, null);

    /// <summary>A sign-in link's token names its <see cref="SignInLink"/> row and expires with it.</summary>
    public string SignIn(long linkId, DateTime expiresAt) => keys.CreateToken(SignInPurpose, linkId, expiresAt);

    public long? ReadSignIn(string? token, DateTime utcNow) =>
        keys.TryReadToken(SignInPurpose, token, utcNow, out var id) && id > 0 ? id : null;

    public int? ReadConfirm(string? token, DateTime utcNow) => Read(ConfirmPurpose, token, utcNow);

    public int? ReadUnsubscribe(string? token, DateTime utcNow) => Read(UnsubscribePurpose, token, utcNow);

    private int? Read(string purpose, string? token, DateTime utcNow) =>
        keys.TryReadToken(purpose, token, utcNow, out var id) && id is > 0 and <= int.MaxValue ? (int)id : null;
}
