using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>
/// Past editions on the web, for signed-in subscribers (<see cref="ListArchivedEditions"/>, <see cref="ReadArchivedEdition"/>):
/// every sent edition of a free newsletter, and of a premium one only while the subscriber holds an active paid or
/// given grant to it. Each edition reads in the subscriber's language, a story missing in it given in another with a
/// note, as in the mail.
/// </summary>
internal static class ArchivedEditions
{
    /// <summary>The premium newsletters the subscriber may read: an active subscription with a paid or given grant.</summary>
    internal static async Task<List<int>> PremiumGrantsAsync(GacetaDb db, int subscriberId, CancellationToken cancellationToken)
    {
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.SubscriberId == subscriberId).ToListAsync(cancellationToken);
        return subscriptions.Where(s => s.GivesPremiumAccess).Select(s => s.NewsletterId).ToList();
    }
}
