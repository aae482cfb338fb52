using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Media;

/// <summary>
/// One served copy of a photo, made the first time it is asked for and kept in this node's cache folder after that;
/// a copy in the cache is served without asking the database. The original comes from the database, so every node
/// can make every copy.
/// </summary>
public static class ReadMediaVariant
{
    /// <param name="Social">The social card (1200×630 JPEG around the focal point) instead of a width.</param>
    public sealed record Query(string Hash, int Width, VariantFormat Format, bool Social = false);

    /// <param name="File">The cached copy on disk.</param>
    public sealed record Result(string File, string ContentType);

    public sealed class Handler(GacetaDb db, MediaCache cache, VariantLocks locks)
    {
        /// <returns>Null when no photo has that hash or the width is not one that is served.</returns>
        public async Task<Result?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            if (!MediaVariants.IsHash(query.Hash) || (!query.Social && !MediaVariants.IsAllowedWidth(query.Width)))
            {
                return null;
            }

            var file = cache.FileFor(query);
            // Removing a photo empties this node's cache of it; another node's cache only keeps a copy nobody links to.
            if (File.Exists(file))
            {
                return new Result(file, MediaCache.ContentTypeOf(query));
            }

            return await MakeAsync(query, file, cancellationToken) ? new Result(file, MediaCache.ContentTypeOf(query)) : null;
        }

        private async Task<bool> MakeAsync(Query query, string file, CancellationToken cancellationToken)
        {
            var item = await db.Set<MediaItem>().AsNoTracking().Where(m => m.Hash == query.Hash)
                .Select(m => new { m.Id, m.Width, m.Height, m.FocalX, m.FocalY })
                .FirstOrDefaultAsync(cancellationToken);
            if (item is null)
            {
                return false;
            }

            using var turn = await locks.EnterAsync(file, cancellationToken);
            if (File.Exists(file))
            {
                return true;
            }

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
            return true;
        }
    }
}

/// <summary>
/// Who may make a copy now: one render per copy however many ask for it at once, and no more renders at a time
/// than the machine has cores, so a burst of first requests for new photos cannot take all the memory. The locks
/// are a fixed set shared out by the copy's name, so they do not grow with the library.
/// </summary>
public sealed class VariantLocks : IDisposable
{
    private const int Stripes = 64;

    private readonly SemaphoreSlim[] _copies = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    private readonly SemaphoreSlim _renders = new(Environment.ProcessorCount, Environment.ProcessorCount);

    public async Task<IDisposable> EnterAsync(string copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        var stripe = _copies[(int)((uint)StringComparer.Ordinal.GetHashCode(copy) % Stripes)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            await _renders.WaitAsync(cancellationToken);
        }
        catch
        {
            stripe.Release();
            throw;
        }

        return new Turn(stripe, _renders);
    }

    public void Dispose()
    {
        _renders.Dispose();
        foreach (var stripe in _copies)
        {
            stripe.Dispose();
        }
    }

    private sealed class Turn(SemaphoreSlim stripe, SemaphoreSlim renders) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                renders.Release();
                stripe.Release();
            }
        }
    }
}
