using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Media;

/// <summary>One library photo for its page in the staff area: what readers are told about it, and where it is used.</summary>
public static class ReadMediaItem
{
    public sealed record Query(int Id, string Language);

    public sealed record Model(
        int Id,
        string Hash,
        string FileName,
        int Width,
        int Height,
        string? Credit,
        double? FocalX,
        double? FocalY,
        IReadOnlyDictionary<string, UploadMedia.TextInput> Texts,
        IReadOnlyList<MediaUse> UsedBy);

    public sealed class Handler(GacetaDb db)
    {
        public async Task<Model?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var item = await db.Set<MediaItem>().AsNoTracking().Include(m => m.Texts).FirstOrDefaultAsync(m => m.Id == query.Id, cancellationToken);
            if (item is null)
            {
                return null;
            }

            return new Model(
                item.Id,
                item.Hash,
                item.FileName,
                item.Width,
                item.Height,
                item.Credit,
                item.FocalX,
                item.FocalY,
                item.Texts.ToDictionary(t => t.Language, t => new UploadMedia.TextInput(t.Alt, t.Caption)),
                await MediaUse.ListAsync(db, item.Id, query.Language, cancellationToken));
        }
    }
}

/// <summary>A story that shows a library photo, named by its headline in the staff member's language where it has one.</summary>
public sealed record MediaUse(int StoryId, string Language, string Headline)
{
    internal static async Task<IReadOnlyList<MediaUse>> ListAsync(GacetaDb db, int mediaId, string language, CancellationToken cancellationToken)
    {
        var stories = await db.Stories.AsNoTracking().Where(s => s.LeadMediaId == mediaId)
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new { s.Id, Articles = s.Articles.OrderBy(a => a.Id).Select(a => new { a.Language, a.Headline }).ToList() })
            .ToListAsync(cancellationToken);
        var uses = new List<MediaUse>();
        foreach (var story in stories.Where(s => s.Articles.Count > 0))
        {
            var article = story.Articles.Find(a => a.Language == language) ?? story.Articles[0];
            uses.Add(new MediaUse(story.Id, article.Language, article.Headline));
        }

        return uses;
    }
}
