using Gaceta.Data;
using Gaceta.Site;
using Gaceta.Translations;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Articles;

/// <summary>The newsroom's story list: newest work first, each language's status and translation state.</summary>
public static class ListStories
{
    public const int PageSize = 30;

    /// <param name="Search">Words to find in a headline, in any language.</param>
    public sealed record Query(string? Search, int Page);

    public sealed record Row(int StoryId, string? Section, DateTime UpdatedAt, IReadOnlyList<Version> Versions);

    public sealed record Version(string Language, TranslationState State, ArticleStatus? Status, string? Headline, DateTime? PublishedAt);

    public sealed record Model(IReadOnlyList<Row> Rows, int Page, bool HasNext);

    public sealed class Handler(GacetaDb db, SiteLanguages languages)
    {
        public async Task<Model> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var page = Math.Clamp(query.Page, 1, 100_000);
            var stories = db.Stories.AsNoTracking();
            if (query.Search?.Trim() is { Length: > 0 } search)
            {
                var pattern = $"%{search.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
                stories = stories.Where(s => s.Articles.Any(a => EF.Functions.Like(a.Headline.ToLower(), pattern.ToLower(), "\\")));
            }

            var found = await stories
                .Select(s => new
                {
                    s.Id,
                    s.SectionId,
                    UpdatedAt = s.Articles.Max(a => (DateTime?)a.UpdatedAt) ?? s.CreatedAt,
                    Articles = s.Articles.Select(a => new { a.Language, a.Status, a.Headline, a.PublishedAt, a.Revision, a.SourceLanguage, a.SourceRevision }).ToList(),
                })
                .OrderByDescending(s => s.UpdatedAt).ThenByDescending(s => s.Id)
                .Skip((page - 1) * PageSize)
                .Take(PageSize + 1)
                .ToListAsync(cancellationToken);

            var sectionIds = found.Select(s => s.SectionId).Distinct().ToList();
            var sections = await db.Sections.AsNoTracking()
                .Where(s => sectionIds.Contains(s.Id))
                .ToDictionaryAsync(s => s.Id, cancellationToken);

            var rows = found.Take(PageSize).Select(s =>
            {
                var versions = languages.All.Select(l =>
                {
                    var a = s.Articles.Find(x => x.Language == l.Code);
                    if (a is null)
                    {
                        return new Version(l.Code, TranslationState.Missing, null, null, null);
                    }

                    var sourceRevision = a.SourceLanguage is { } source ? s.Articles.Find(x => x.Language == source)?.Revision : null;
                    return new Version(l.Code, TranslationStates.Of(a.SourceLanguage, a.SourceRevision, sourceRevision), a.Status, a.Headline, a.PublishedAt);
                }).ToList();
                var section = sections.GetValueOrDefault(s.SectionId);
                return new Row(s.Id, section?.NameIn(languages.Default.Code)?.Name, s.UpdatedAt, versions);
            }).ToList();
            return new Model(rows, page, found.Count > PageSize);
        }
    }
}
