using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Staff;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Media;

/// <summary>
/// An editor removes a photo from the library, with its original and this node's cached copies. A photo a story
/// still shows is not removed: the answer lists those stories.
/// </summary>
public static class DeleteMedia
{
    public sealed record Command(int Id, string Language, Actor Actor);

    public enum Outcome
    {
        Deleted,
        InUse,
        NotFound,
        Forbidden,
    }

    /// <param name="UsedBy">When in use: the stories that show it.</param>
    public sealed record Result(Outcome Outcome, IReadOnlyList<ListMediaUses.Use> UsedBy);

    public sealed class Handler(GacetaDb db, MediaCache cache, AuditLog audit, ListMediaUses.Handler uses)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!command.Actor.CanPublish())
            {
                return new Result(Outcome.Forbidden, []);
            }

            var item = await db.Set<MediaItem>().FirstOrDefaultAsync(m => m.Id == command.Id, cancellationToken);
            if (item is null)
            {
                return new Result(Outcome.NotFound, []);
            }

            var usedBy = await uses.HandleAsync(new ListMediaUses.Query(item.Id, command.Language), cancellationToken);
            if (usedBy.Count > 0)
            {
                return new Result(Outcome.InUse, usedBy);
            }

            db.Remove(item);
            audit.Add(command.Actor, AuditActions.MediaDeleted, $"{item.FileName} (#{item.Id})");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A story took the photo meanwhile: the foreign key kept it.
                return new Result(Outcome.InUse, await uses.HandleAsync(new ListMediaUses.Query(item.Id, command.Language), cancellationToken));
            }

            // Other nodes' caches only ever serve a hash nobody links to any more; this node's goes now.
            var cached = cache.FolderFor(item.Hash);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }

            return new Result(Outcome.Deleted, []);
        }
    }
}
