using System.Collections.Concurrent;
using System.Globalization;
using Gaceta.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Media;

/// <summary>
/// One served copy of a photo, made the first time it is asked for (one render at a time per copy, however many
/// ask at once) and kept in this node's cache folder after that. The original comes from the database, so every
/// node can make every copy.
/// </summary>
public static class ReadMediaVariant
{
    /// <param name="Social">The social card (1200×630 JPEG around the focal point) instead of a width.</param>
    public sealed record Query(string Hash, int Width, VariantFormat Format, bool Social = false);

    /// <param name="File">The cached copy on disk.</param>
    public sealed record Result(string File, string ContentType, DateTime CreatedAt);

    public sealed class Handler(GacetaDb db, IOptions<MediaOptions> options, VariantLocks locks)
    {
        /// <returns>Null when no photo has that hash or the width is not one that is served.</returns>
        public async Task<Result?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            if (!MediaVariants.IsHash(query.Hash) || (!query.Social && !MediaVariants.IsAllowedWidth(query.Width)))
            {
                return null;
            }

            var item = await db.Set<MediaItem>().AsNoTracking().Where(m => m.Hash == query.Hash)
                .Select(m => new { m.Id, m.CreatedAt, m.Width, m.Height, m.FocalX, m.FocalY })
                .FirstOrDefaultAsync(cancellationToken);
            if (item is null)
            {
                return null;
            }

            var file = System.IO.Path.Combine(
                System.IO.Path.GetFullPath(options.Value.Path),
                query.Hash[..2],
                query.Hash,
                query.Social ? "social.jpg" : string.Create(CultureInfo.InvariantCulture, $"{query.Width}.{MediaVariants.Extension(query.Format)}"));
            if (!File.Exists(file))
            {
                var gate = locks.For(file);
                await gate.WaitAsync(cancellationToken);
                try
                {
                    if (!File.Exists(file))
                    {
                        var original = await db.Set<MediaOriginal>().AsNoTracking().Where(o => o.MediaItemId == item.Id)
                            .Select(o => o.Bytes).SingleAsync(cancellationToken);
                        var bytes = await Task.Run(
                            () => query.Social
                                ? PhotoProcessor.RenderCrop(original, item.Width, item.Height, MediaVariants.SocialWidth, MediaVariants.SocialHeight, item.FocalX ?? 0.5, item.FocalY ?? 0.5)
                                : PhotoProcessor.Render(original, query.Width, query.Format),
                            cancellationToken);
                        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
                        // Written aside and moved into place, so a reader never sees half a file.
                        var partial = file + "." + Guid.NewGuid().ToString("N") + ".part";
                        await File.WriteAllBytesAsync(partial, bytes, cancellationToken);
                        File.Move(partial, file, overwrite: true);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }

            return new Result(file, MediaVariants.ContentType(query.Social ? VariantFormat.Jpeg : query.Format), item.CreatedAt);
        }
    }
}

/// <summary>One lock per copy being made, so a burst of first requests renders it once.</summary>
public sealed class VariantLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public SemaphoreSlim For(string key) => _locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
}
