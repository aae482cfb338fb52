using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Media;

/// <summary>The library, newest first, searchable by caption, alternative text, credit or file name.</summary>
public static class ListMedia
{
    public const int PageSize = 24;

    public sealed record Query(string Language, string? Search, int Page = 1);

    public sealed record Row(int Id, string Hash, string FileName, int Width, int Height, string? Credit, string? Alt, string? Caption, DateTime CreatedAt);

    public sealed record Model(IReadOnlyList<Row> Rows, int Page, bool HasNext);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<Model> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var page = Math.Clamp(query.Page, 1, 10_000);
            var items = db.Set<MediaItem>().AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var words = query.Search.Trim().ToLowerInvariant();
                // Translated to lower(...) LIKE on both engines; a StringComparison overload would not translate.
#pragma warning disable CA1862
                items = items.Where(m => m.FileName.ToLower().Contains(words)
                    || (m.Credit != null && m.Credit.ToLower().Contains(words))
                    || m.Texts.Any(t => t.Alt.ToLower().Contains(words) || (t.Caption != null && t.Caption.ToLower().Contains(words))));
#pragma warning restore CA1862
            }

            var rows = await items.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                .Skip((page - 1) * PageSize)
                .Take(PageSize + 1)
                .Select(m => new Row(
                    m.Id,
                    m.Hash,
                    m.FileName,
                    m.Width,
                    m.Height,
                    m.Credit,
                    m.Texts.Where(t => t.Language == query.Language).Select(t => t.Alt).FirstOrDefault(),
                    m.Texts.Where(t => t.Language == query.Language).Select(t => t.Caption).FirstOrDefault(),
                    m.CreatedAt))
                .ToListAsync(cancellationToken);
            return new Model(rows.Take(PageSize).ToList(), page, rows.Count > PageSize);
        }
    }
}
