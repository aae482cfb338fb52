using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Redirects;

/// <summary>
/// Old addresses of an article written down, as part of the caller's save: an imported post's permalinks, or a
/// published article's address before its slug changed. An address already leading somewhere keeps its target.
/// </summary>
public static class RecordRedirects
{
    /// <summary>Adds the redirects to <paramref name="db"/>; the caller saves them with its change.</summary>
    public static async Task AddAsync(GacetaDb db, IEnumerable<string> oldAddresses, int storyId, string language, string origin, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var keys = oldAddresses.Select(RedirectPaths.KeyOfAddress).OfType<string>().Where(k => k != "/").Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return;
        }

        var known = await db.Redirects.Where(r => keys.Contains(r.Path)).Select(r => r.Path).ToListAsync(cancellationToken);
        foreach (var key in keys.Except(known, StringComparer.Ordinal))
        {
            db.Redirects.Add(new Redirect { Path = key, StoryId = storyId, Language = language, Origin = origin, CreatedAt = now });
        }
    }
}
