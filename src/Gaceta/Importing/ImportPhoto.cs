using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Importing;

/// <summary>
/// A photo another system's export refers to by address, taken from a copy of that system's upload folder or
/// fetched from the exporting site into the media library (the library's own checks apply: type from content,
/// size limits, damage), described in the article's language. The same photo twice is one library item; a
/// description in a new language is added to it.
/// </summary>
public static partial class ImportPhoto
{
    /// <param name="Address">The photo's address in the export.</param>
    public sealed record Command(PhotoSource Source, string Address, string Language, string? Alt, string? Caption, Actor Actor);

    /// <param name="MediaId">The library item, or null when the photo could not be taken; <paramref name="Note"/> says why.</param>
    public sealed record Result(int? MediaId, string? Note);

    public sealed class Handler(GacetaDb db, UploadMedia.Handler upload, PhotoDownloads downloads, IOptions<MediaOptions> options)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (bytes, name, problem) = await ReadAsync(command, cancellationToken);
            if (bytes is null)
            {
                return new Result(null, $"{problem}: {command.Address}");
            }

            // A photo already in the library is not read and checked again: a second run of a large archive stays quick.
            var hash = MediaItem.HashOf(bytes);
            UploadMedia.Result uploaded;
            if (await db.Set<MediaItem>().Where(m => m.Hash == hash).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken) is { } known)
            {
                uploaded = new UploadMedia.Result(UploadMedia.Outcome.AlreadyThere, known, null);
            }
            else
            {
                await using var content = new MemoryStream(bytes, writable: false);
                uploaded = await upload.HandleAsync(
                    new UploadMedia.Command(name, content, null, new Dictionary<string, UploadMedia.TextInput> { [command.Language] = new(command.Alt, command.Caption) }, command.Actor),
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

        /// <summary>The photo's bytes from the folder, else from the site; a resized copy's name falls back to the original's.</summary>
        private async Task<(byte[]? Bytes, string? Name, string Problem)> ReadAsync(Command command, CancellationToken cancellationToken)
        {
            var source = command.Source;
            if (source.Folder is not null && FileFor(source.Folder, command.Address, source.Marker) is { } file)
            {
                return (await File.ReadAllBytesAsync(file, cancellationToken), Path.GetFileName(file), string.Empty);
            }

            if (source.Site is null)
            {
                return (null, null, "Photo not found in the upload folder");
            }

            if (!Uri.TryCreate(command.Address, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https")
                || !string.Equals(address.Host, source.Site.Host, StringComparison.OrdinalIgnoreCase) || address.Port != source.Site.Port)
            {
                return (null, null, $"Photo not fetched: it is not on the exporting site ({source.Site.Host})");
            }

            var problem = string.Empty;
            foreach (var candidate in new[] { address, new Uri(ResizedSuffix().Replace(address.GetLeftPart(UriPartial.Path), "$1")) }.Distinct())
            {
                var (bytes, error) = await downloads.GetAsync(candidate, options.Value.MaxUploadBytes, cancellationToken);
                if (bytes is not null)
                {
                    return (bytes, Path.GetFileName(Uri.UnescapeDataString(candidate.AbsolutePath)), string.Empty);
                }

                problem = error!;
            }

            return (null, null, $"Photo not fetched ({problem})");
        }

        /// <summary>The file inside the folder the address names, never outside it.</summary>
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
