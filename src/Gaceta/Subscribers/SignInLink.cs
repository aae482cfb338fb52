using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// One emailed sign-in link. It works once, and only until it expires; the row says when it was asked for and
/// used, and goes with its subscriber.
/// </summary>
public sealed class SignInLink
{
    public long Id { get; set; }

    public int SubscriberId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

/// <summary>The subscriber a valid, unused link names, as the page with the button shows them.</summary>
/// <param name="SessionStamp">The subscriber's session stamp, which the sign-in cookie carries.</param>
public sealed record SignInLinkHolder(int SubscriberId, string Email, string Language, string? SessionStamp = null);

/// <summary>
/// Subscribers sign in without a password: they ask for a link by email (<see cref="RequestSignInLink"/>), the link
/// opens a page with a button (<see cref="ReadSignInLink"/>), and the button's POST signs them in
/// (<see cref="RedeemSignInLink"/>). Asking never tells whether an address is known.
/// </summary>
internal static class SignInLinks
{
    internal static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    internal static Task<SignInLinkHolder?> HolderAsync(GacetaDb db, long id, DateTime now, CancellationToken cancellationToken) =>
        db.SignInLinks.AsNoTracking()
            .Where(l => l.Id == id && l.UsedAt == null && l.ExpiresAt > now)
            .Join(db.Subscribers, l => l.SubscriberId, s => s.Id, (l, s) => new SignInLinkHolder(s.Id, s.Email, s.Language))
            .FirstOrDefaultAsync(cancellationToken);
}
