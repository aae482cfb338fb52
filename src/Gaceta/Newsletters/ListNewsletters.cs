using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>The newsletters as readers see them in one language: free ones to subscribe to, premium ones to know about.</summary>
public static class ListNewsletters
{
    public sealed record Item(int Id, string Key, string Name, string? Description, bool Premium);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<IReadOnlyList<Item>> HandleAsync(string language, CancellationToken cancellationToken)
        {
            var newsletters = await db.Newsletters.AsNoTracking().OrderBy(n => n.IsPremium).ThenBy(n => n.Key).ToListAsync(cancellationToken);
            return newsletters
                .Select(n => (n, name: n.NameIn(language)))
                .Where(p => p.name is not null)
                .Select(p => new Item(p.n.Id, p.n.Key, p.name!.Name, p.name.Description, p.n.IsPremium))
                .ToList();
        }
    }
}
