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
        IReadOnlyList<ListMediaUses.Use> UsedBy);

    public sealed class Handler(GacetaDb db, ListMediaUses.Handler uses)
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
                await uses.HandleAsync(new ListMediaUses.Query(item.Id, query.Language), cancellationToken));
        }
    }
}
