using Gaceta.Articles;
using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Media;

/// <summary>
/// The library photos an article's text places (<c>{{photo:12}}</c>), as a reader page in one language shows them.
/// A photo with no alternative text in that language is left out rather than shown undescribed.
/// </summary>
public static class ReadPlacedPhotos
{
    public sealed record Query(string Language, IReadOnlyCollection<int> Ids);

    public sealed class Handler(GacetaDb db)
    {
        /// <returns>The photos by the key their marker names.</returns>
        public async Task<IReadOnlyDictionary<string, PlacedPhoto>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            if (query.Ids.Count == 0)
            {
                return new Dictionary<string, PlacedPhoto>();
            }

            var rows = await db.Set<MediaItem>().AsNoTracking().Where(m => query.Ids.Contains(m.Id))
                .Select(m => new
                {
                    m.Id,
                    m.Hash,
                    m.Width,
                    m.Height,
                    m.FocalX,
                    m.FocalY,
                    m.Credit,
                    Text = m.Texts.Where(t => t.Language == query.Language).Select(t => new { t.Alt, t.Caption }).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            return rows.Where(r => !string.IsNullOrWhiteSpace(r.Text?.Alt)).ToDictionary(
                r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r => new PlacedPhoto(new LibraryPhoto(r.Hash, r.Width, r.Height, r.FocalX ?? 0.5, r.FocalY ?? 0.5), r.Text!.Alt, r.Text.Caption, r.Credit));
        }
    }
}
