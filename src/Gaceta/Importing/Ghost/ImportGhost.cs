using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Site;

namespace Gaceta.Importing.Ghost;

/// <summary>
/// A Ghost export in: posts become stories filed under their primary tag, their authors in Ghost's order make the
/// byline, published posts keep their date and address (a 301 from <c>/slug/</c>), scheduled ones stay
/// scheduled and drafts arrive as drafts. Ghost has no translations: each post is a story in one language, the
/// site's (<c>locale</c>) unless an internal tag such as <c>#es</c> names another. Each post is written in a
/// transaction of its own; the same export again changes nothing.
/// </summary>
public static class ImportGhost
{
    public const string Source = "ghost";

    /// <summary>Ghost's post ids are unique object ids: one site key serves every Ghost export.</summary>
    private const string Site = "ghost";

    /// <param name="Images">
    /// A copy of the site's <c>content/images</c>: feature images become lead photos and images in the text library
    /// photos. Without it, photos are left out and reported.
    /// </param>
    /// <param name="Language">The posts' language when neither the export's setting nor a post's tag says.</param>
    public sealed record Command(Stream Export, bool DryRun, Actor Actor, string? Images = null, string? Language = null, string FileName = "export.json", IProgress<double>? Progress = null);

    public sealed class Handler(ImportArticle.Handler articles, ImportedImages images, SiteLanguages languages, ArticleBodyRenderer renderer, SiteClock clock, Data.GacetaDb db)
    {
        private readonly HtmlToMarkdown _converter = new();

        public Task<ImportReport> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            return ImportRuns.RunAsync(db, clock, Source, command.FileName, command.Actor, async () => (await ImportAsync(command, cancellationToken), Site), cancellationToken);
        }

        private async Task<ImportReport> ImportAsync(Command command, CancellationToken cancellationToken)
        {
            GhostExport export;
            try
            {
                export = await GhostExport.ReadAsync(command.Export, cancellationToken);
            }
            catch (GhostExportException e)
            {
                return new ImportReport([], [], e.Message, command.DryRun);
            }

            var fallback = languages.IsSupported(command.Language) ? command.Language!
                : LanguageCode(export.Locale) is { } locale && languages.IsSupported(locale) ? locale
                : languages.Default.Code;
            var entries = new List<ImportedEntry>();
            var pages = 0;
            var extraTags = 0;
            for (var i = 0; i < export.Posts.Count; i++)
            {
                var post = export.Posts[i];
                if (post.IsPage)
                {
                    pages++;
                }
                else
                {
                    extraTags += Math.Max(0, PublicTags(export, post).Count - 1);
                    entries.Add(await PostAsync(post, export, fallback, command, cancellationToken));
                }

                command.Progress?.Report((i + 1d) / export.Posts.Count);
            }

            var notModelled = new List<string>();
            if (pages > 0)
            {
                notModelled.Add(string.Create(CultureInfo.InvariantCulture, $"{pages} page(s): Gaceta has no pages; not imported."));
            }

            if (extraTags > 0)
            {
                notModelled.Add(string.Create(CultureInfo.InvariantCulture, $"{extraTags} tag(s) after a post's primary tag: a story has one section; not imported."));
            }

            return new ImportReport(entries, notModelled, null, command.DryRun);
        }

        private async Task<ImportedEntry> PostAsync(GhostPost post, GhostExport export, string fallback, Command command, CancellationToken cancellationToken)
        {
            var source = $"post {post.Id}";
            var title = HtmlToMarkdown.PlainText(post.Title ?? string.Empty);
            var notes = new List<string>();
            var publishedAt = GhostExport.Date(post.PublishedAt);
            EditStory.Intent? intent = post.Status switch
            {
                "published" => EditStory.Intent.Publish,
                "scheduled" when publishedAt > clock.UtcNow => EditStory.Intent.Schedule,
                "scheduled" => EditStory.Intent.Publish,
                "draft" => EditStory.Intent.Save,
                _ => null,
            };
            if (intent is null)
            {
                return new ImportedEntry(source, title, ImportOutcome.Skipped, null,
                    [post.Status == "sent" ? "Sent as an email only, never on the web: not imported." : $"Status '{post.Status}' is not imported."]);
            }

            if (post.Visibility is { Length: > 0 } visibility && visibility != "public")
            {
                // Gaceta's stories are open to every reader: a members-only post waits for an editor's decision.
                intent = EditStory.Intent.Save;
                notes.Add($"For Ghost's members only ({visibility}): imported as a draft, since every Gaceta story is open to all readers.");
            }

            if (title.Length == 0)
            {
                return new ImportedEntry(source, title, ImportOutcome.Invalid, null, ["The post has no title."]);
            }

            if (post.Html is null)
            {
                return new ImportedEntry(source, title, ImportOutcome.Invalid, null, ["The post has no HTML in the export (an export older than Ghost 1.0 keeps only Markdown)."]);
            }

            var language = LanguageOf(export, post, fallback);
            var folder = command.Images is null ? null : new PhotoSource(command.Images, GhostContent.ImagesMarker, "--images");
            var found = new List<ImportedImages.Found>();
            var body = _converter.Convert(GhostContent.Prepare(post.Html), ImportedImages.Collect(found), notes);
            for (var i = 0; i < found.Count; i++)
            {
                found[i] = found[i] with { Source = GhostContent.OriginalImage(found[i].Source) };
            }

            body = await images.PlaceAsync(body, found, language, folder, command.DryRun, command.Actor, notes, cancellationToken);
            int? leadMediaId = null;
            if (post.FeatureImage is { Length: > 0 } feature)
            {
                var meta = export.Meta.GetValueOrDefault(post.Id!);
                var alt = meta?.FeatureImageAlt ?? post.FeatureImageAlt;
                var caption = meta?.FeatureImageCaption ?? post.FeatureImageCaption;
                leadMediaId = await images.LeadAsync(
                    GhostContent.OriginalImage(feature.Replace(GhostContent.SiteAddress, string.Empty, StringComparison.Ordinal)),
                    alt is null ? null : HtmlToMarkdown.PlainText(alt),
                    caption is null ? null : HtmlToMarkdown.PlainText(caption) is { Length: > 0 } text ? text : null,
                    language, folder, command.DryRun, command.Actor, notes, cancellationToken);
            }

            var standfirst = ImportArticle.Standfirst(HtmlToMarkdown.PlainText(post.CustomExcerpt ?? string.Empty), body, renderer);
            var slug = post.Slug ?? string.Empty;
            var result = await articles.HandleAsync(
                new ImportArticle.Command(
                    Source,
                    Site,
                    post.Id!,
                    language,
                    [],
                    SectionFor(export, post, language),
                    AuthorsOf(export, post),
                    new EditStory.ArticleFields(title, standfirst, Slugs.IsValid(slug) ? slug : null, body, null),
                    intent.Value,
                    publishedAt,
                    Hash(post, export, command.Images is not null),
                    command.DryRun,
                    command.Actor,
                    leadMediaId,
                    OldAddress(slug) is { } old ? [old] : [],
                    AuthorBios(export, post, language)),
                cancellationToken);
            return new ImportedEntry(source, title, result.Outcome, result.StoryId, [.. result.Notes, .. notes]);
        }

        /// <summary>Ghost's default permalink, <c>/slug/</c>, for a slug that is one path segment of plain characters.</summary>
        private static string? OldAddress(string slug) =>
            slug.Length is > 0 and <= 200 && slug.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.') && slug.Trim('.').Length > 0 ? $"/{slug}/" : null;

        /// <summary>An internal tag naming one of the site's languages (<c>#es</c>), else the post's own old field, else the site's.</summary>
        private string LanguageOf(GhostExport export, GhostPost post, string fallback)
        {
            foreach (var tag in Tags(export, post).Where(t => t.IsInternal))
            {
                var code = (tag.Name ?? string.Empty).TrimStart('#').Trim().ToLowerInvariant();
                if (languages.IsSupported(code))
                {
                    return code;
                }
            }

            return LanguageCode(post.Locale ?? post.Language) is { } own && languages.IsSupported(own) ? own : fallback;
        }

        private static string? LanguageCode(string? locale) => string.IsNullOrWhiteSpace(locale) ? null : locale.Split('-', '_')[0].Trim().ToLowerInvariant();

        private static IEnumerable<GhostTag> Tags(GhostExport export, GhostPost post) =>
            (export.PostTags.GetValueOrDefault(post.Id!) ?? []).Select(id => export.Tags.GetValueOrDefault(id)).OfType<GhostTag>();

        private static List<GhostTag> PublicTags(GhostExport export, GhostPost post) => Tags(export, post).Where(t => !t.IsInternal && !string.IsNullOrWhiteSpace(t.Name)).ToList();

        /// <summary>The primary tag (the first public one) as the section, named in the post's language.</summary>
        private static Dictionary<string, (string Name, string Slug)> SectionFor(GhostExport export, GhostPost post, string language) =>
            PublicTags(export, post) is [var primary, ..]
                ? new() { [language] = (primary.Name!.Trim(), primary.Slug ?? string.Empty) }
                : new() { [language] = ("Uncategorized", "uncategorized") };

        private static List<GhostUser> Users(GhostExport export, GhostPost post)
        {
            var ids = export.PostAuthors.GetValueOrDefault(post.Id!) ?? (post.AuthorId is { } old ? [old] : []);
            return ids.Select(id => export.Users.GetValueOrDefault(id)).OfType<GhostUser>().Where(u => !string.IsNullOrWhiteSpace(u.Name) || !string.IsNullOrWhiteSpace(u.Slug)).ToList();
        }

        private static List<(string Name, string Slug)> AuthorsOf(GhostExport export, GhostPost post) =>
            Users(export, post).Select(u => (u.Name ?? u.Slug!, u.Slug ?? string.Empty)).ToList();

        private static Dictionary<string, string> AuthorBios(GhostExport export, GhostPost post, string language) =>
            Users(export, post).Where(u => !string.IsNullOrWhiteSpace(u.Bio))
                .GroupBy(u => u.Slug ?? u.Name!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Bio!, StringComparer.Ordinal);

        /// <param name="withPhotos">A run that brings photos differs from one that did not, for the same post.</param>
        private static string Hash(GhostPost post, GhostExport export, bool withPhotos)
        {
            var meta = export.Meta.GetValueOrDefault(post.Id!);
            var parts = string.Join('\u001f', withPhotos ? "photos" : "text", post.Title, post.Slug, post.Html, post.Status, post.Visibility, post.PublishedAt, post.CustomExcerpt,
                post.FeatureImage, meta?.FeatureImageAlt, meta?.FeatureImageCaption,
                string.Join(',', Tags(export, post).Select(t => t.Slug)), string.Join(',', Users(export, post).Select(u => u.Slug)));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parts)));
        }
    }
}
