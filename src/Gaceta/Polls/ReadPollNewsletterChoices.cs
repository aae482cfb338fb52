using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>
/// The newsletters staff forms offer (a poll's newsletter, an edition's, the subscriber filter), named in the
/// staff member's language where there is a name, by key.
/// </summary>
public static class ReadPollNewsletterChoices
{
    public sealed record Query(string Language);

    public sealed record Choice(int Id, string Key, string Name, bool Premium);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<IReadOnlyList<Choice>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var newsletters = await db.Newsletters.AsNoTracking().OrderBy(n => n.Key).ToListAsync(cancellationToken);
            return newsletters.Select(n => new Choice(n.Id, n.Key, n.Names.Find(x => x.Language == query.Language)?.Name ?? n.Key, n.IsPremium)).ToList();
        }
    }
}
