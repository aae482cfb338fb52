using Gaceta.Security;
using Gaceta.Site;

namespace Gaceta.Polls;

/// <summary>
/// The token a poll's form carries. Reader pages are cached and the same for everyone, so the token names only the
/// poll and when the form was rendered, signed with the installation's key. The vote endpoint needs it: a script
/// that posts without loading a page, forges one, or posts faster than a person fills a form is refused.
/// </summary>
public sealed class VoteFormTokens(InstallationKeys keys, SiteClock clock)
{
    private const string Purpose = "vote-form";

    /// <summary>Submissions sooner than this after the form was rendered are taken for scripts.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMilliseconds(CastVote.MinimumFillMilliseconds);

    /// <summary>
    /// How long a rendered form may be sent: well past the reader cache's five minutes and the browsers' minute, so
    /// a page read at leisure, or left open in a tab for an afternoon, still votes.
    /// </summary>
    public static readonly TimeSpan MaximumAge = TimeSpan.FromHours(12);

    /// <summary>A token for the form of <paramref name="pollId"/>, rendered now or at <paramref name="renderedAt"/>.</summary>
    public string Issue(int pollId, DateTime? renderedAt = null) => keys.CreateToken(Purpose, pollId, (renderedAt ?? clock.UtcNow) + MaximumAge);

    public FormTokenState Check(string? token, int pollId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return FormTokenState.Missing;
        }

        if (!keys.TryReadSignedToken(Purpose, token, out var id, out var expiresAt) || id != pollId || expiresAt is not { } expires)
        {
            return FormTokenState.Forged;
        }

        var age = clock.UtcNow - (expires - MaximumAge);
        return age < MinimumAge ? FormTokenState.TooYoung
            : age > MaximumAge ? FormTokenState.TooOld
            : FormTokenState.Valid;
    }
}

public enum FormTokenState
{
    Valid,
    Missing,
    Forged,
    TooYoung,
    TooOld,
}
