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

    /// <param name="Progress">Told the share of the file read so far (0 to 1) after each item, when the stream can tell.</param>
    public sealed record Command(Stream Export, bool DryRun, Actor Actor, IProgress<double>? Progress = null);

    public sealed class Handler(ImportArticle.Handler articles, NewsroomTargets targets, SiteLanguages languages, ArticleBodyRenderer renderer, SiteClock clock)
    {
        private readonly HtmlToMarkdown _converter = new();

        public async Task<ImportReport> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var entries = new List<ImportedEntry>();
            var uncounted = new Dictionary<string, int>(StringComparer.Ordinal);
            using var reader = new WxrReader(command.Export);
            WxrSite site;
            try
            {
                site = await reader.ReadSiteAsync(cancellationToken);
            }
            catch (WxrException e)
            {
                return new ImportReport([], [], e.Message, command.DryRun);
            }

            var map = new SiteMap(site, languages);
            string? fileError = null;
            try
            {
                await foreach (var item in reader.ReadItemsAsync(cancellationToken))
                {
                    if (item.PostType == "post")
                    {
                        entries.Add(await PostAsync(item, site, map, command, cancellationToken));
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

            return new ImportReport(entries, NotModelled(uncounted), fileError, command.DryRun);
        }

        private async Task<ImportedEntry> PostAsync(WxrItem item, WxrSite site, SiteMap map, Command command, CancellationToken cancellationToken)
        {
            var source = string.Create(CultureInfo.InvariantCulture, $"post {item.PostId}");
            var title = WordPressContent.PlainText(item.Title);
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

            var body = WordPressContent.ToMarkdown(item.Content, _converter, (src, _, _) =>
            {
                notes.Add($"Image left out (photos are not imported yet): {src}");
                return null;
            }, notes);
            var standfirst = Standfirst(item, body);
            var sectionId = await targets.SectionAsync(map.SectionNamesFor(item, language!), cancellationToken);
            var authorIds = new List<int>();
            if (item.Creator is { Length: > 0 } login)
            {
                authorIds.Add(await targets.AuthorAsync(map.AuthorName(login), login, cancellationToken));
            }

            var slug = WebUtility.UrlDecode(item.PostName);
            var result = await articles.HandleAsync(
                new ImportArticle.Command(
                    Source,
                    site.BaseSiteUrl,
                    item.PostId.ToString(CultureInfo.InvariantCulture),
                    language!,
                    map.SiblingsOf(item),
                    sectionId,
                    authorIds,
                    new EditStory.ArticleFields(title, standfirst, Slugs.IsValid(slug) ? slug : null, body, null),
                    intent,
                    item.PostDateGmt,
                    Hash(item),
                    command.DryRun,
                    command.Actor),
                cancellationToken);
            return new ImportedEntry(source, title, result.Outcome, result.StoryId, [.. result.Notes, .. notes]);
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

        /// <summary>The excerpt, else the opening of the text, within the standfirst's limit.</summary>
        private string Standfirst(WxrItem item, string body)
        {
            var text = WordPressContent.PlainText(item.Excerpt);
            if (text.Length == 0)
            {
                text = renderer.ToPlainText(body);
            }

            if (text.Length <= ArticleLimits.Standfirst)
            {
                return text;
            }

            var cut = text.LastIndexOf(' ', ArticleLimits.Standfirst - 1);
            return text[..(cut > 0 ? cut : ArticleLimits.Standfirst - 1)] + "…";
        }

        private static string Hash(WxrItem item)
        {
            var parts = string.Join('\u001f', item.Title, item.Excerpt, item.Content, item.Status, item.PostName, item.Creator,
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
            "attachment" => string.Create(CultureInfo.InvariantCulture, $"{c.Value} attachment(s): photos are not imported yet."),
            "tags" => string.Create(CultureInfo.InvariantCulture, $"{c.Value} tag(s) on posts: Gaceta has no tags; not imported."),
            "comments" => string.Create(CultureInfo.InvariantCulture, $"{c.Value} comment(s): Gaceta has no comments; not imported."),
            _ => string.Create(CultureInfo.InvariantCulture, $"{c.Value} item(s) of type '{c.Key}': not imported."),
        }).ToList();
    }
}
