using Gaceta.Articles;
using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Media;

/// <summary>
/// Library photos by number, with what readers of one language are told about them: for the photos an article's
/// text places (<c>{{photo:12}}</c>) and its lead photo. The alternative text is empty where nobody has written
/// it in that language yet; the caller leaves such a photo out rather than show it undescribed.
/// </summary>
public static class ReadPlacedPhotos
{
    public sealed record Query(string Language, IReadOnlyCollection<int> Ids);

    public sealed class Handler(GacetaDb db)
    {
        /// <returns>The photos found, by number.</returns>
        public async Task<IReadOnlyDictionary<int, PlacedPhoto>> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            if (query.Ids.Count == 0)
            {
                return new Dictionary<int, PlacedPhoto>();
            }

            // One photo (an article's lead, most often) is asked for by itself: a list of ids makes EF write the SQL
            // again on every call.
            var items = query.Ids.Count == 1 && query.Ids.First() is var only
                ? db.Set<MediaItem>().Where(m => m.Id == only)
                : db.Set<MediaItem>().Where(m => query.Ids.Contains(m.Id));
            var rows = await items.AsNoTracking()
                .Select(m => new
                {
                    m.Id,
                    m.Hash,
                    m.Width,
                    m.Height,
                    m.FocalX,
                    m.FocalY,
                    m.Credit,
                    // One value per subquery: a looked-up row, where a pair would be a window over every text in the language.
                    Alt = m.Texts.Where(t => t.Language == query.Language).Select(t => t.Alt).FirstOrDefault(),
                    Caption = m.Texts.Where(t => t.Language == query.Language).Select(t => t.Caption).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            return rows.ToDictionary(
                r => r.Id,
                r => new PlacedPhoto(new LibraryPhoto(r.Hash, r.Width, r.Height, r.FocalX ?? 0.5, r.FocalY ?? 0.5), r.Alt ?? string.Empty, r.Caption, r.Credit));
        }
    }
}
