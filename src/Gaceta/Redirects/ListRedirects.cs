using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Redirects;

/// <summary>The old addresses that answer 301, newest first, searchable by address.</summary>
public static class ListRedirects
{
    public const int PageSize = 50;

    public sealed record Query(string? Search, int Page);

    /// <param name="Target">The article (story and language) or path it leads to.</param>
    public sealed record Entry(int Id, string Path, string Target, int? StoryId, string? Language, string Origin, DateTime CreatedAt);

    public sealed record Model(IReadOnlyList<Entry> Entries, int Page, int TotalCount);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<Model> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var redirects = db.Redirects.AsNoTracking();
            if (query.Search?.Trim() is { Length: > 0 } search)
            {
                redirects = redirects.Where(r => r.Path.Contains(search));
            }

            var total = await redirects.CountAsync(cancellationToken);
            var page = Math.Clamp(query.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
            var rows = await redirects.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(r => new { r.Id, r.Path, r.StoryId, r.Language, r.TargetPath, r.Origin, r.CreatedAt, Headline = db.Articles.Where(a => a.StoryId == r.StoryId && a.Language == r.Language).Select(a => a.Headline).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            return new Model(rows.Select(r => new Entry(r.Id, r.Path, r.TargetPath ?? r.Headline ?? string.Empty, r.StoryId, r.Language, r.Origin, r.CreatedAt)).ToList(), page, total);
        }
    }
}
