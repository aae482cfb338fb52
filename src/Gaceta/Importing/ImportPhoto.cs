using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Media;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Importing;

/// <summary>
/// A photo another system's export refers to by address, taken from a copy of that system's upload folder into
/// the media library (the library's own checks apply: type from content, size limits, damage), described in the
/// article's language. The same photo twice is one library item; a description in a new language is added to it.
/// </summary>
public static partial class ImportPhoto
{
    /// <param name="Folder">The copy of the upload folder (WordPress: <c>wp-content/uploads</c>).</param>
    /// <param name="Address">The photo's address in the export.</param>
    /// <param name="Marker">The part of the address after which the path inside <paramref name="Folder"/> starts.</param>
    public sealed record Command(string Folder, string Address, string Marker, string Language, string? Alt, string? Caption, Actor Actor);

    /// <param name="MediaId">The library item, or null when the photo could not be taken; <paramref name="Note"/> says why.</param>
    public sealed record Result(int? MediaId, string? Note);

    public sealed class Handler(GacetaDb db, UploadMedia.Handler upload)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (FileFor(command.Folder, command.Address, command.Marker) is not { } file)
            {
                return new Result(null, $"Photo not found in the upload folder: {command.Address}");
            }

            // A photo already in the library is not read and checked again: a second run of a large archive stays quick.
            var hash = MediaItem.HashOf(await File.ReadAllBytesAsync(file, cancellationToken));
            UploadMedia.Result uploaded;
            if (await db.Set<MediaItem>().Where(m => m.Hash == hash).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken) is { } known)
            {
                uploaded = new UploadMedia.Result(UploadMedia.Outcome.AlreadyThere, known, null);
            }
            else
            {
                await using var content = File.OpenRead(file);
                uploaded = await upload.HandleAsync(
                    new UploadMedia.Command(Path.GetFileName(file), content, null, new Dictionary<string, UploadMedia.TextInput> { [command.Language] = new(command.Alt, command.Caption) }, command.Actor),
                    cancellationToken);
            }

            if (uploaded.Outcome == UploadMedia.Outcome.AlreadyThere && !string.IsNullOrWhiteSpace(command.Alt))
            {
                var item = await db.Set<MediaItem>().FirstAsync(m => m.Id == uploaded.Id, cancellationToken);
                if (string.IsNullOrWhiteSpace(item.TextIn(command.Language)?.Alt))
                {
                    item.Texts.RemoveAll(t => t.Language == command.Language);
                    item.Texts.Add(new MediaText { Language = command.Language, Alt = command.Alt.Trim()[..Math.Min(command.Alt.Trim().Length, MediaLimits.Alt)], Caption = command.Caption });
                    await db.SaveChangesAsync(cancellationToken);
                }
            }

            return uploaded.Outcome is UploadMedia.Outcome.Saved or UploadMedia.Outcome.AlreadyThere
                ? new Result(uploaded.Id, null)
                : new Result(null, $"Photo not imported ({uploaded.Error ?? uploaded.Outcome.ToString()}): {command.Address}");
        }

        /// <summary>
        /// The file inside the folder the address names, never outside it; a resized copy's name
        /// (<c>photo-1024x683.jpg</c>) falls back to the original's.
        /// </summary>
        private static string? FileFor(string folder, string address, string marker)
        {
            var at = address.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return null;
            }

            var relative = Uri.UnescapeDataString(address[(at + marker.Length)..].Split('?', '#')[0]);
            var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
            foreach (var candidate in new[] { relative, ResizedSuffix().Replace(relative, "$1") })
            {
                var file = Path.GetFullPath(Path.Combine(root, candidate));
                if (file.StartsWith(root, StringComparison.Ordinal) && File.Exists(file))
                {
                    return file;
                }
            }

            return null;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"-\d+x\d+(\.[A-Za-z0-9]+)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 1000)]
    private static partial System.Text.RegularExpressions.Regex ResizedSuffix();
}
