using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Gaceta.Media;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using MetadataExtractor;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Media;

/// <summary>
/// The photo library through the staff page, on each engine: served copies carry no metadata (read back with a
/// real metadata reader), bad files are refused in the staff member's language with nothing stored, and copies
/// are served at immutable addresses with validators and ranges.
/// </summary>
public abstract class MediaLibraryTests(GacetaApp app)
{
    private const string Photographer = "Ana Fuente Reservada";
    private const string Serial = "CAMSERIAL-884213";

    [Fact]
    public async Task AnUploadedPhoto_IsServedUpright_InEveryFormat_WithoutLocationCameraOrNames()
    {
        var original = await PhotoWithMetadataAsync(1600, 1200);
        // The original really carries what must not be served.
        Assert.Contains(ImageMetadataReader.ReadMetadata(new MemoryStream(original)), d => d.Name == "GPS");
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor);

        using var uploaded = await UploadAsync(editor, original, "harbour-at-dawn.jpg", alt: "Cranes at dawn");

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var item = await app.WithDbAsync(db => db.Set<MediaItem>().Include(m => m.Texts).SingleAsync(m => m.FileName == "harbour-at-dawn.jpg" && m.ByteCount == original.Length));
        // Orientation 6 turns the 1600×1200 frame upright: portrait.
        Assert.Equal((1200, 1600), (item.Width, item.Height));
        Assert.Equal("Cranes at dawn", item.TextIn("en")!.Alt);
        var library = await editor.Client.GetDocumentAsync("/admin/media");
        Assert.Contains(library.QuerySelectorAll(".media-item img"), img => img.GetAttribute("alt") == "Cranes at dawn");

        var reader = app.CreateReader();
        foreach (var format in new[] { VariantFormat.Jpeg, VariantFormat.Webp, VariantFormat.Avif })
        {
            using var response = await reader.GetAsync(new Uri(MediaVariants.Path(item.Hash, 640, format), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(MediaVariants.ContentType(format), response.Content.Headers.ContentType!.MediaType);
            var served = await response.Content.ReadAsByteArrayAsync();
            using (var copy = NetVips.Image.NewFromBuffer(served))
            {
                Assert.Equal(640, copy.Width);
                Assert.True(copy.Height > copy.Width, $"{format} copy is {copy.Width}×{copy.Height}, not upright.");
            }

            AssertNoTraces(served, format.ToString());
        }
    }

    [Fact]
    public async Task ServedCopies_AreImmutable_WithValidatorsAndRanges_AndOnlyTheOffredWidthsExist()
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Reporter);
        var photo = await PhotoWithMetadataAsync(900, 600);
        using var uploaded = await UploadAsync(editor, photo, "quay.jpg");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var hash = await app.WithDbAsync(db => db.Set<MediaItem>().Where(m => m.ByteCount == photo.Length && m.FileName == "quay.jpg").Select(m => m.Hash).SingleAsync());
        var reader = app.CreateReader();
        var path = MediaVariants.Path(hash, 320, VariantFormat.Webp);

        using var first = await reader.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl!.ToString());
        var etag = first.Headers.ETag!;

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, path);
        revalidate.Headers.IfNoneMatch.Add(etag);
        using var notModified = await reader.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var ranged = new HttpRequestMessage(HttpMethod.Get, path);
        ranged.Headers.Range = new RangeHeaderValue(0, 99);
        using var part = await reader.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(100, (await part.Content.ReadAsByteArrayAsync()).Length);

        foreach (var missing in new[] { MediaVariants.Path(hash, 700, VariantFormat.Jpeg), $"/media/{hash}/320.png", MediaVariants.Path(new string('a', 64), 320, VariantFormat.Jpeg), "/media/not-a-hash/320.jpg" })
        {
            using var response = await reader.GetAsync(new Uri(missing, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("en", "That file is not a photo: upload a JPEG, PNG, WebP, AVIF or GIF.", "SVG and other markup files are not accepted: upload a JPEG, PNG, WebP, AVIF or GIF.", "The photo has too many pixels.", "The file is too large.", "The photo could not be read: the file may be damaged.")]
    [InlineData("es", "Ese archivo no es una foto: sube un JPEG, PNG, WebP, AVIF o GIF.", "No se aceptan SVG ni otros archivos de marcado: sube un JPEG, PNG, WebP, AVIF o GIF.", "La foto tiene demasiados píxeles.", "El archivo es demasiado grande.", "No se pudo leer la foto: puede que el archivo esté dañado.")]
    public async Task BadFiles_AreRefusedInTheStaffLanguage_AndNothingIsStored(string language, string notAPhoto, string markup, string tooManyPixels, string tooLarge, string damaged)
    {
        using var editor = await StaffSession.SignInAsync(app, StaffRoles.Editor, language);
        var before = await app.WithDbAsync(db => db.Set<MediaItem>().CountAsync());
        var good = await PhotoWithMetadataAsync(400, 300);
        var cases = new (byte[] Bytes, string Name, string Message)[]
        {
            (Encoding.UTF8.GetBytes("This is a note, renamed to look like a photo."), "note.jpg", notAPhoto),
            (Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "logo.jpg", markup),
            (Bomb(), "bomb.png", tooManyPixels),
            (Oversized(), "huge.jpg", tooLarge),
            (good[..(good.Length / 2)], "cut.jpg", damaged),
        };

        foreach (var (bytes, name, message) in cases)
        {
            using var response = await UploadAsync(editor, bytes, name);
            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {response.StatusCode}");
            var summary = Html.Parse(page).QuerySelector(".error-summary").Text();
            Assert.True(summary.Contains(message, StringComparison.Ordinal), $"{name}: no \"{message}\" in \"{summary}\"");
        }

        Assert.Equal(before, await app.WithDbAsync(db => db.Set<MediaItem>().CountAsync()));
    }

    [Fact]
    public async Task Translators_CannotUpload()
    {
        using var translator = await StaffSession.SignInAsync(app, StaffRoles.Translator);
        using var response = await translator.Client.GetAsync(new Uri("/admin/media", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    internal static void AssertNoTraces(byte[] served, string what)
    {
        var directories = ImageMetadataReader.ReadMetadata(new MemoryStream(served));
        Assert.DoesNotContain(directories, d => d.Name is "GPS" or "XMP" or "IPTC" or "ICC Profile");
        var tags = directories.SelectMany(d => d.Tags).ToList();
        Assert.DoesNotContain(tags, t => t.Name.Contains("Serial", StringComparison.OrdinalIgnoreCase) || t.Name is "Artist" or "Copyright" or "Make" or "Model");
        var text = Encoding.Latin1.GetString(served);
        Assert.False(text.Contains(Photographer, StringComparison.Ordinal) || text.Contains(Serial, StringComparison.Ordinal), $"The {what} copy still names the photographer or the camera.");
    }

    internal static Task<HttpResponseMessage> UploadAsync(StaffSession session, byte[] bytes, string name, string? alt = null) =>
        session.PostWithFileAsync("/admin/media", [new("Credit", "Gaceta / Test"), new("Alt[en]", alt ?? string.Empty), new("Alt[es]", "Grúas al amanecer")], "file", bytes, name);

    /// <summary>A photo as a camera leaves it: location, serial number, photographer's name, turned on its side.</summary>
    internal static async Task<byte[]> PhotoWithMetadataAsync(int width, int height)
    {
        byte[] jpeg;
        using (var noise = NetVips.Image.Gaussnoise(width, height, mean: 128, sigma: 40))
        using (var colour = noise.Bandjoin(noise.Rot180(), noise.Flip(NetVips.Enums.Direction.Horizontal)).Cast(NetVips.Enums.BandFormat.Uchar))
        {
            jpeg = colour.JpegsaveBuffer(q: 85);
        }

        var file = Path.Combine(Path.GetTempPath(), $"gaceta-photo-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(file, jpeg);
        try
        {
            var written = await ExternalTool.RunAsync(new System.Diagnostics.ProcessStartInfo("exiftool",
            [
                "-q", "-overwrite_original",
                "-GPSLatitude=40.4168", "-GPSLatitudeRef=N", "-GPSLongitude=3.7038", "-GPSLongitudeRef=W",
                $"-SerialNumber={Serial}", "-Make=Harbourcam", "-Model=HC-1",
                $"-Artist={Photographer}", $"-Copyright={Photographer}", $"-XMP-dc:Creator={Photographer}", $"-IPTC:By-line={Photographer}",
                "-Orientation#=6",
                file,
            ]), null);
            Assert.True(written.ExitCode == 0, "exiftool (libimage-exiftool-perl) must be installed: " + written.Errors);
            return await File.ReadAllBytesAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A small file that would decode to 120 million pixels.</summary>
    private static byte[] Bomb()
    {
        using var black = NetVips.Image.Black(12_000, 10_000);
        return black.PngsaveBuffer(compression: 9);
    }

    /// <summary>A JPEG header followed by more bytes than the default 30 MB limit.</summary>
    private static byte[] Oversized()
    {
        var bytes = new byte[(31 * 1024 * 1024) + 1];
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        return bytes;
    }
}

[Collection(SqliteHost.Name)]
public sealed class SqliteMediaLibraryTests(SqliteApp app) : MediaLibraryTests(app);

[Collection(PostgresHost.Name)]
public sealed class PostgresMediaLibraryTests(PostgresApp app) : MediaLibraryTests(app);
