using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Gaceta.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gaceta.Media;

/// <summary>
/// A reporter or an editor adds a photo to the library. Its format is judged from its content, its size from its
/// header before any pixel is decoded, and its pixels are decoded once before it is accepted; anything refused
/// stores nothing. The same photo uploaded twice is one item.
/// </summary>
public static class UploadMedia
{
    /// <param name="Texts">Alternative text and caption per language; either may be empty until the photo is used.</param>
    public sealed record Command(string? FileName, Stream Content, string? Credit, IReadOnlyDictionary<string, TextInput> Texts, Actor Actor);

    public sealed record TextInput(string? Alt, string? Caption);

    /// <summary>The first thing wrong with a photo's credit or texts, or null: the one check upload and edit share.</summary>
    internal static string? TextError(string? credit, IReadOnlyDictionary<string, TextInput> texts) =>
        credit?.Trim().Length > MediaLimits.Credit ? MediaErrors.CreditTooLong
        : texts.Values.Any(t => t.Alt?.Trim().Length > MediaLimits.Alt) ? MediaErrors.AltTooLong
        : texts.Values.Any(t => t.Caption?.Trim().Length > MediaLimits.Caption) ? MediaErrors.CaptionTooLong
        : null;

    public enum Outcome
    {
        Saved,

        /// <summary>The same photo is already in the library; <see cref="Result.Id"/> names it.</summary>
        AlreadyThere,
        Invalid,
        Forbidden,
    }

    /// <param name="Error">One of <see cref="MediaErrors"/> when invalid.</param>
    public sealed record Result(Outcome Outcome, int Id, string? Error);

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages, IOptions<MediaOptions> options, AuditLog audit)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!command.Actor.CanCreateStories())
            {
                return new Result(Outcome.Forbidden, 0, null);
            }

            var limits = options.Value;
            var bytes = await ReadAtMostAsync(command.Content, limits.MaxUploadBytes, cancellationToken);
            if (TextError(command.Credit, command.Texts) is { } textError)
            {
                return Invalid(textError);
            }

            if (bytes is null)
            {
                return Invalid(MediaErrors.TooLarge);
            }

            if (bytes.Length == 0)
            {
                return Invalid(MediaErrors.FileRequired);
            }

            var head = bytes.AsSpan(0, Math.Min(bytes.Length, ImageSniffer.HeaderLength));
            if (ImageSniffer.Detect(head) is not { } format)
            {
                return Invalid(ImageSniffer.LooksLikeMarkup(head) ? MediaErrors.Markup : MediaErrors.NotAPhoto);
            }

            ImageHeader header;
            try
            {
                header = PhotoProcessor.Probe(bytes);
                if ((long)header.Width * header.Height > limits.MaxMegapixels * 1_000_000L)
                {
                    return Invalid(MediaErrors.TooManyPixels);
                }

                if (header.Pages > 1)
                {
                    return Invalid(MediaErrors.Animated);
                }

                PhotoProcessor.Verify(bytes);
            }
            catch (NetVips.VipsException)
            {
                return Invalid(MediaErrors.Damaged);
            }

            var hash = MediaItem.HashOf(bytes);
            if (await db.Set<MediaItem>().Where(m => m.Hash == hash).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
            {
                return new Result(Outcome.AlreadyThere, existing, null);
            }

            var item = new MediaItem
            {
                Hash = hash,
                FileName = CleanFileName(command.FileName),
                Format = format,
                Width = header.Width,
                Height = header.Height,
                ByteCount = bytes.Length,
                Credit = string.IsNullOrWhiteSpace(command.Credit) ? null : command.Credit.Trim(),
                CreatedAt = clock.UtcNow,
                CreatedById = command.Actor.Id,
                Texts = command.Texts
                    .Where(t => languages.IsSupported(t.Key))
                    .Select(t => new MediaText { Language = t.Key, Alt = t.Value.Alt?.Trim() ?? string.Empty, Caption = string.IsNullOrWhiteSpace(t.Value.Caption) ? null : t.Value.Caption.Trim() })
                    .ToList(),
                Original = new MediaOriginal { Bytes = bytes },
            };
            db.Add(item);
            audit.Add(command.Actor, AuditActions.MediaUploaded, $"{item.FileName} ({item.Width}×{item.Height})");
            await db.SaveChangesAsync(cancellationToken);
            return new Result(Outcome.Saved, item.Id, null);
        }

        private static Result Invalid(string error) => new(Outcome.Invalid, 0, error);

        /// <summary>The whole upload, or null as soon as it passes <paramref name="limit"/> bytes.</summary>
        private static async Task<byte[]?> ReadAtMostAsync(Stream content, long limit, CancellationToken cancellationToken)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }

        private static string CleanFileName(string? name)
        {
            var file = Path.GetFileName(name ?? string.Empty).Trim();
            file = new string(file.Where(c => !char.IsControl(c)).ToArray());
            return file.Length == 0 ? "photo" : file[..Math.Min(file.Length, MediaLimits.FileName)];
        }
    }
}

/// <summary>What the library says about a refused upload, in English; the staff area translates each.</summary>
public static class MediaErrors
{
    public const string FileRequired = "Choose a photo to upload.";
    public const string TooLarge = "The file is too large.";
    public const string NotAPhoto = "That file is not a photo: upload a JPEG, PNG, WebP, AVIF or GIF.";
    public const string Markup = "SVG and other markup files are not accepted: upload a JPEG, PNG, WebP, AVIF or GIF.";
    public const string TooManyPixels = "The photo has too many pixels.";
    public const string Animated = "Animated images are not accepted: upload a still photo.";
    public const string Damaged = "The photo could not be read: the file may be damaged.";
    public const string CreditTooLong = "The credit is too long (200 characters at most).";
    public const string AltTooLong = "The alternative text is too long (500 characters at most).";
    public const string CaptionTooLong = "The caption is too long (1,000 characters at most).";
    public const string FocalOutOfRange = "Choose the focal point inside the photo.";
    public const string UploadForbidden = "Your role cannot add photos to the library: choose one that is there.";
}
