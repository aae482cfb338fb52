using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gaceta.Articles;
using Gaceta.Site;
using Gaceta.Audit;

namespace Gaceta.Importing.WordPress;

/// <summary>
/// A WordPress export (the file Tools → Export writes) in, read a piece at a time: posts become stories in their
/// section with their byline, Polylang's translation groups join posts into one story with an article per
/// language, published posts keep their date, scheduled ones stay scheduled and drafts arrive as drafts. Each post
/// is written in a transaction of its own; the same export again changes nothing.
/// </summary>
public static class ImportWordPress
{
    public const string Source = "wordpress";

    /// <param name="Uploads">
    /// A copy of the site's <c>wp-content/uploads</c>: featured images become lead photos and images in the text
    /// library photos. Without it, photos are left out and reported. Needs an export that can be read twice (a file).
    /// </param>
    /// <param name="Progress">Told the share of the file read so far (0 to 1) after each item, when the stream can tell.</param>
    /// <param name="FileName">The export's name, for the list of past imports.</param>
    /// <param name="FetchMedia">
    /// Fetch photos over HTTP from the exporting site (its host only) when <paramref name="Uploads"/> is not given or
    /// lacks them.
    /// </param>
    public sealed record Command(Stream Export, bool DryRun, Actor Actor, IProgress<double>? Progress = null, string? Uploads = null, string FileName = "export.xml", bool FetchMedia = false)
    {
        public bool WithPhotos => Uploads is not null || FetchMedia;
    }

    /// <summary>Where WordPress keeps uploads: an address's path inside the upload folder starts after this.</summary>
    private const string UploadsMarker = "/wp-content/uploads/";

    public sealed class Handler(ImportArticle.Handler articles, ImportedImages images, SiteLanguages languages, ArticleBodyRenderer renderer, SiteClock clock, Data.GacetaDb db)
    {
        private readonly HtmlToMarkdown _converter = new();

        public Task<ImportReport> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            return ImportRuns.RunAsync(db, clock, Source, command.FileName, command.Actor, () => ImportAsync(command, cancellationToken), cancellationToken);
        }

        private async Task<(ImportReport Report, string? Site)> ImportAsync(Command command, CancellationToken cancellationToken)
        {
            var entries = new List<ImportedEntry>();
            var uncounted = new Dictionary<string, int>(StringComparer.Ordinal);
            var attachments = command.WithPhotos && command.Export.CanSeek
                ? await AttachmentsAsync(command.Export, cancellationToken)
                : new Dictionary<int, WxrItem>();
            using var reader = new WxrReader(command.Export);
            WxrSite site;
            try
            {
                site = await reader.ReadSiteAsync(cancellationToken);
            }
            catch (WxrException e)
            {
                return (new ImportReport([], [], e.Message, command.DryRun), null);
            }

            var map = new SiteMap(site, languages);
            string? fileError = null;
            try
            {
                await foreach (var item in reader.ReadItemsAsync(cancellationToken))
                {
                    if (item.PostType == "post")
                    {
                        entries.Add(await PostAsync(item, site, map, attachments, command, cancellationToken));
                        Count(uncounted, "tags", item.Terms.Count(t => t.Domain == "post_tag"));
                    }
                    else
                    {
                        Count(uncounted, item.PostType, 1);
                    }

                    Count(uncounted, "comments", item.CommentCount);
                    if (command.Export.CanSeek && command.Export.Length > 0)
                    {
                        command.Progress?.Report((double)command.Export.Position / command.Export.Length);
                    }
                }
            }
            catch (WxrException e)
            {
                fileError = e.Message;
            }

            return (new ImportReport(entries, NotModelled(uncounted), fileError, command.DryRun), site.BaseSiteUrl);
        }

        private async Task<ImportedEntry> PostAsync(WxrItem item, WxrSite site, SiteMap map, Dictionary<int, WxrItem> attachments, Command command, CancellationToken cancellationToken)
        {
            var source = string.Create(CultureInfo.InvariantCulture, $"post {item.PostId}");
            var title = HtmlToMarkdown.PlainText(item.Title);
            var notes = new List<string>();
            if (StatusIntent(item) is not { } intent)
            {
                return new ImportedEntry(source, title, ImportOutcome.Skipped, null, [$"Status '{item.Status}' is not imported."]);
            }

            var language = map.LanguageOf(item);
            if (!languages.IsSupported(language))
            {
                return new ImportedEntry(source, title, ImportOutcome.Skipped, null, [$"Language '{language}' is not one of this site's."]);
            }

            if (title.Length == 0)
            {
                return new ImportedEntry(source, title, ImportOutcome.Invalid, null, ["The post has no title."]);
            }

            // Images are gathered while the text is converted and placed once they are in the library.
            var found = new List<ImportedImages.Found>();
            var folder = !command.WithPhotos ? null : new PhotoSource(
                command.Uploads, UploadsMarker, command.Uploads is null ? "--fetch-media" : "--uploads", command.FetchMedia && Uri.TryCreate(site.BaseSiteUrl, UriKind.Absolute, out var home) ? home : null);
            var body = WordPressContent.ToMarkdown(item.Content, _converter, ImportedImages.Collect(found), notes);
            body = await images.PlaceAsync(body, found, language!, folder, command.DryRun, command.Actor, notes, cancellationToken);
            var leadMediaId = await LeadPhotoAsync(item, attachments, language!, folder, command, notes, cancellationToken);
            var standfirst = ImportArticle.Standfirst(HtmlToMarkdown.PlainText(item.Excerpt), body, renderer);
            var authors = item.Creator is { Length: > 0 } login ? [(map.AuthorName(login), login)] : new List<(string, string)>();
            var slug = WebUtility.UrlDecode(item.PostName);
            var result = await articles.HandleAsync(
                new ImportArticle.Command(
                    Source,
                    site.BaseSiteUrl,
                    item.PostId.ToString(CultureInfo.InvariantCulture),
                    language!,
                    map.SiblingsOf(item),
                    map.SectionNamesFor(item, language!),
                    authors,
                    new EditStory.ArticleFields(title, standfirst, Slugs.IsValid(slug) ? slug : null, body, null),
                    intent,
                    item.PostDateGmt,
                    Hash(item, command.WithPhotos),
                    command.DryRun,
                    command.Actor,
                    leadMediaId,
                    OldAddresses(item, language!)),
                cancellationToken);
            return new ImportedEntry(source, title, result.Outcome, result.StoryId, [.. result.Notes, .. notes]);
        }

        /// <summary>The permalink as exported, <c>/?p=id</c>, and the permalink with the language in front (Polylang's form).</summary>
        private static List<string> OldAddresses(WxrItem item, string language)
        {
            var addresses = new List<string> { string.Create(CultureInfo.InvariantCulture, $"/?p={item.PostId}") };
            if (item.Link is { Length: > 0 } link && RedirectPathOf(link) is { } path && !path.Contains("?p=", StringComparison.Ordinal))
            {
                addresses.Add(path);
                if (!path.StartsWith($"/{language}/", StringComparison.Ordinal))
                {
                    addresses.Add($"/{language}{path}");
                }
            }

            return addresses;
        }

        private static string? RedirectPathOf(string link) => Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri.PathAndQuery : null;

        /// <summary>The featured image (<c>_thumbnail_id</c>) as the lead photo, described with its alternative text.</summary>
        private async Task<int?> LeadPhotoAsync(WxrItem item, Dictionary<int, WxrItem> attachments, string language, PhotoSource? folder, Command command, List<string> notes, CancellationToken cancellationToken)
        {
            if (!item.Meta.TryGetValue("_thumbnail_id", out var thumbnail) || !int.TryParse(thumbnail, CultureInfo.InvariantCulture, out var attachmentId))
            {
                return null;
            }

            if (folder is not null && !command.DryRun && (!attachments.TryGetValue(attachmentId, out var attachment) || attachment.AttachmentUrl is not { Length: > 0 }))
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"Featured image left out: attachment {attachmentId} is not in the export."));
                return null;
            }

            var found = attachments.GetValueOrDefault(attachmentId);
            var alt = found?.Meta.GetValueOrDefault("_wp_attachment_image_alt") is { Length: > 0 } text ? HtmlToMarkdown.PlainText(text) : null;
            var caption = found is not null && HtmlToMarkdown.PlainText(found.Excerpt) is { Length: > 0 } excerpt ? excerpt : null;
            return await images.LeadAsync(found?.AttachmentUrl ?? string.Empty, alt, caption, language, folder, command.DryRun, command.Actor, notes, cancellationToken);
        }

        /// <summary>A first pass for the attachments, which an export may list after the posts that use them.</summary>
        private static async Task<Dictionary<int, WxrItem>> AttachmentsAsync(Stream export, CancellationToken cancellationToken)
        {
            var attachments = new Dictionary<int, WxrItem>();
            try
            {
                using (var reader = new WxrReader(export))
                {
                    await reader.ReadSiteAsync(cancellationToken);
                    await foreach (var item in reader.ReadItemsAsync(cancellationToken))
                    {
                        if (item.PostType == "attachment")
                        {
                            attachments[item.PostId] = item with { Content = string.Empty };
                        }
                    }
                }
            }
            catch (WxrException)
            {
                // The main pass reports the file's problem; what was read up to it is used.
            }

            export.Position = 0;
            return attachments;
        }

        /// <summary>Published and scheduled posts keep their status, drafts and pending ones become drafts; the rest are not imported.</summary>
        private EditStory.Intent? StatusIntent(WxrItem item) => item.Status switch
        {
            "publish" => EditStory.Intent.Publish,
            "future" when item.PostDateGmt > clock.UtcNow => EditStory.Intent.Schedule,
            "future" => EditStory.Intent.Publish,
            "draft" or "pending" => EditStory.Intent.Save,
            _ => null,
        };

        /// <param name="withPhotos">A run that brings photos differs from one that did not, for the same post.</param>
        private static string Hash(WxrItem item, bool withPhotos)
        {
            var parts = string.Join('\u001f', withPhotos ? "photos" : "text", item.Meta.GetValueOrDefault("_thumbnail_id"), item.Title, item.Excerpt, item.Content, item.Status, item.PostName, item.Creator,
                item.PostDateGmt?.ToString("O", CultureInfo.InvariantCulture), string.Join(',', item.Terms.Where(t => t.Domain == "category").Select(t => t.Slug)));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parts)));
        }

        private static void Count(Dictionary<string, int> counts, string what, int count)
        {
            if (count > 0)
            {
                counts[what] = counts.GetValueOrDefault(what) + count;
            }
        }

        private static List<string> NotModelled(Dictionary<string, int> counts) => counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key switch
        {
            "page" => string.Create(CultureInfo.InvariantCulture, $"{c.Value} page(s): Gaceta has no pages; not imported."),
            "attachment" => string.Create(CultureInfo.InvariantCulture, $"{c.Value} attachment(s): files, not stories; photos come with the posts that use them (--uploads or --fetch-media)."),
            "tags" => string.Create(CultureInfo.InvariantCulture, $"{c.Value} tag(s) on posts: Gaceta has no tags; not imported."),
            "comments" => string.Create(CultureInfo.InvariantCulture, $"{c.Value} comment(s): Gaceta has no comments; not imported."),
            _ => string.Create(CultureInfo.InvariantCulture, $"{c.Value} item(s) of type '{c.Key}': not imported."),
        }).ToList();
    }
}
