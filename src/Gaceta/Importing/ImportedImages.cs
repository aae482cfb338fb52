using System.Globalization;
using Gaceta.Articles;
using Gaceta.Audit;

namespace Gaceta.Importing;

/// <summary>
/// Where an import takes photos from: a copy of the other system's upload folder (the part of a photo's address
/// after <paramref name="Marker"/> is the path inside it, WordPress: <c>/wp-content/uploads/</c>), or the exporting
/// site itself over HTTP, or the folder first and the site for what it lacks.
/// </summary>
/// <param name="Option">The command-line option that names the source, for the report's hints.</param>
/// <param name="Site">The exporting site: photos are fetched from its host only, never from another.</param>
public sealed record PhotoSource(string? Folder, string Marker, string Option, Uri? Site = null);

/// <summary>
/// The photos of an imported article: images found while its HTML is converted are held as placeholders and then
/// placed as library photo markers once they are in the library, the featured image becomes the lead photo, and
/// what cannot be brought (no folder, a dry run, no alternative text, not found) is left out and named in the
/// report. The same for every source.
/// </summary>
public sealed class ImportedImages(ImportPhoto.Handler photos)
{
    private const string Pending = "import-image:";

    /// <summary>An image of the text, as the converter found it.</summary>
    public sealed record Found(string Source, string? Alt, string? Caption);

    /// <summary>Where an image is while the text is converted: a placeholder that cannot occur in escaped text.</summary>
    public static HtmlToMarkdown.ImagePlacer Collect(List<Found> found)
    {
        ArgumentNullException.ThrowIfNull(found);
        return (source, alt, caption) =>
        {
            found.Add(new Found(source, alt, caption));
            return Placeholder(found.Count - 1);
        };
    }

    private static string Placeholder(int index) => string.Create(CultureInfo.InvariantCulture, $"{{{{{Pending}{index}}}}}");

    /// <summary>Each image of the text as a library photo marker, or left out with a note.</summary>
    public async Task<string> PlaceAsync(string body, IReadOnlyList<Found> images, string language, PhotoSource? folder, bool dryRun, Actor actor, ICollection<string> notes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(notes);
        for (var i = 0; i < images.Count; i++)
        {
            var (source, alt, caption) = images[i];
            var placed = string.Empty;
            if (folder is null || dryRun)
            {
                notes.Add($"Image left out ({(dryRun ? "a dry run takes no photos" : $"give {folder?.Option ?? "the upload folder"} to bring photos")}): {source}");
            }
            else if (alt is null)
            {
                notes.Add($"Image left out: it has no description (alt text) there: {source}");
            }
            else if (await TakeAsync(folder, source, language, alt, caption, actor, notes, cancellationToken) is { } id)
            {
                placed = Embed.PhotoMarker(id);
            }

            body = body.Replace(Placeholder(i), placed, StringComparison.Ordinal);
        }

        return images.Count == 0 ? body : string.Join("\n\n", body.Split("\n\n").Where(b => b.Trim().Length > 0)).Trim() + "\n";
    }

    /// <summary>The featured image as the lead photo, described with its alternative text; null, with a note, when it cannot be.</summary>
    public async Task<int?> LeadAsync(string address, string? alt, string? caption, string language, PhotoSource? folder, bool dryRun, Actor actor, ICollection<string> notes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notes);
        if (folder is null || dryRun)
        {
            notes.Add(dryRun ? "Featured image left out: a dry run takes no photos." : $"Featured image left out: give {folder?.Option ?? "the upload folder"} to bring photos.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(alt))
        {
            notes.Add($"Featured image left out: it has no description (alt text) there: {address}");
            return null;
        }

        return await TakeAsync(folder, address, language, alt, caption, actor, notes, cancellationToken);
    }

    private async Task<int?> TakeAsync(PhotoSource folder, string address, string language, string alt, string? caption, Actor actor, ICollection<string> notes, CancellationToken cancellationToken)
    {
        var photo = await photos.HandleAsync(new ImportPhoto.Command(folder, address, language, alt, caption, actor), cancellationToken);
        if (photo.Note is { } note)
        {
            notes.Add(note);
        }

        return photo.MediaId;
    }
}
