using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;
using Microsoft.Extensions.Caching.Memory;

namespace Gaceta.Articles;

/// <summary>
/// Turns an article's Markdown into HTML that is safe to put in a reader page: whatever a body contains
/// (scripts, event handlers, <c>javascript:</c> links, frames), only an allow-list of elements,
/// attributes and URL schemes reaches the page.
/// </summary>
public sealed partial class ArticleBodyRenderer : IDisposable
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseFootnotes()
        .UseFigures()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    /// <summary>
    /// Bodies already rendered, by their Markdown. The result depends on the text alone, so an entry can never be
    /// stale: an edited body is another key, and the old one ages out. Bounded in characters held.
    /// </summary>
    private readonly MemoryCache _rendered = new(new MemoryCacheOptions { SizeLimit = RenderedCharacterLimit });

    /// <summary>About 64 MB of Markdown and HTML: a few thousand long articles, the ones being read.</summary>
    private const long RenderedCharacterLimit = 32 * 1024 * 1024;

    /// <summary>
    /// The body as a reader page shows it: sanitized HTML between the embeds an editor placed, each embed
    /// (a marker such as <c>{{poll:harbour-expansion}}</c> alone on a line) as a block of its own. Rendering
    /// (Markdown, then the sanitizer's parse) costs more than the rest of an article page together, so a body
    /// is rendered once and its blocks kept while it is read.
    /// </summary>
    public IReadOnlyList<BodyBlock> ToBlocks(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (_rendered.TryGetValue(markdown, out IReadOnlyList<BodyBlock>? kept) && kept is not null)
        {
            return kept;
        }

        var blocks = Render(markdown);
        _rendered.Set(markdown, blocks, new MemoryCacheEntryOptions
        {
            Size = markdown.Length + blocks.Sum(b => b.Html?.Length ?? 0),
            SlidingExpiration = TimeSpan.FromHours(1),
        });
        return blocks;
    }

    public void Dispose() => _rendered.Dispose();

    private BodyBlock[] Render(string markdown)
    {
        var blocks = new List<BodyBlock>();
        var start = 0;
        foreach (Match marker in EmbedMarker().Matches(markdown))
        {
            AddHtml(blocks, markdown[start..marker.Index]);
            blocks.Add(new BodyBlock(null, new Embed(marker.Groups["kind"].Value, marker.Groups["key"].Value)));
            start = marker.Index + marker.Length;
        }

        AddHtml(blocks, markdown[start..]);
        return [.. blocks];
    }

    private void AddHtml(List<BodyBlock> blocks, string markdown)
    {
        if (!string.IsNullOrWhiteSpace(markdown))
        {
            blocks.Add(new BodyBlock(Sanitized(markdown), null));
        }
    }

    private string Sanitized(string markdown) => _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));

    /// <summary>The body as plain text, for summaries: no markup, no links, paragraphs joined by spaces.</summary>
    public string ToPlainText(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return Markdown.ToPlainText(RemoveEmbeds(markdown), _pipeline).ReplaceLineEndings(" ").Trim();
    }

    /// <summary>The embeds a body places, in order, for checks made before it is saved.</summary>
    public static IEnumerable<Embed> EmbedsIn(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return EmbedMarker().Matches(markdown).Select(m => new Embed(m.Groups["kind"].Value, m.Groups["key"].Value));
    }

    /// <summary>Where a body is read as one text (summaries, feeds), embeds are left out.</summary>
    private static string RemoveEmbeds(string markdown) => EmbedMarker().Replace(markdown, string.Empty);

    [GeneratedRegex(@"^[ \t]*\{\{(?<kind>[a-z]+):(?<key>[a-z0-9-]+)\}\}[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex EmbedMarker();

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "ins",
                "mark", "sub", "sup", "small", "blockquote", "q", "cite", "code", "pre", "kbd", "abbr",
                "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption",
                "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "section", "div", "span",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "title", "alt", "src", "width", "height", "colspan", "rowspan", "scope", "lang",
                "id", "start", "reversed", "cite", "datetime",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "cite" },
        };
        var sanitizer = new HtmlSanitizer(options);
        // Links that leave the site must not hand it the reader's window.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link
                && link.GetAttribute("href") is { } href
                && Uri.TryCreate(href, UriKind.Absolute, out Uri? _))
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }
}

/// <summary>A piece of an article body: sanitized HTML, or an embed to render in its place.</summary>
public sealed record BodyBlock(string? Html, Embed? Embed);

/// <summary>
/// An editor's embed marker: <c>{{kind:key}}</c>, such as <c>{{poll:harbour-expansion}}</c> or a library photo by
/// its number, <c>{{photo:12}}</c>.
/// </summary>
public sealed record Embed(string Kind, string Key)
{
    public const string Poll = "poll";

    public const string Photo = "photo";

    /// <summary>The library photo this embed places, or null when it places something else.</summary>
    public int? PhotoId =>
        Kind == Photo && int.TryParse(Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The marker that places library photo <paramref name="mediaId"/> in a body.</summary>
    public static string PhotoMarker(int mediaId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{{{{Photo}:{mediaId}}}}}");
}
