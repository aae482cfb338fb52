using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Gaceta.Importing;

/// <summary>
/// Turns another system's article HTML into Gaceta's body format (Markdown), keeping headings, paragraphs,
/// emphasis, links, lists, quotes and images, and nothing else: scripts, styles, frames, forms and event handlers
/// never reach the result, and text is escaped so it cannot become markup or an embed marker of its own. The
/// result is rendered through the site's sanitizer like any other body.
/// </summary>
public sealed partial class HtmlToMarkdown
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "form", "input", "button", "select", "textarea", "object", "embed", "svg", "math", "head", "title", "meta", "link",
    };

    private readonly HtmlParser _parser = new();

    /// <summary>Plain text of a title, excerpt or alternative text: tags removed, entities decoded, spaces collapsed.</summary>
    public static string PlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = System.Net.WebUtility.HtmlDecode(Tags().Replace(html, " "));
        return string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<[^>]*>", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 1000)]
    private static partial System.Text.RegularExpressions.Regex Tags();

    /// <summary>An image found in the HTML; the caller places it (a library photo marker) or leaves it out.</summary>
    /// <returns>The Markdown to put in its place (a marker alone on a line), or null to leave it out.</returns>
    public delegate string? ImagePlacer(string source, string? alt, string? caption);

    /// <param name="notes">What could not be kept, for the import report.</param>
    public string Convert(string html, ImagePlacer images, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(notes);
        var document = _parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var writer = new Writer(images, notes);
        writer.Blocks(document.Body!.ChildNodes);
        return writer.Result();
    }

    private sealed class Writer(ImagePlacer images, ICollection<string> notes)
    {
        private readonly List<string> _blocks = [];

        public string Result() => string.Join("\n\n", _blocks.Select(b => b.Trim('\n')).Where(b => b.Trim().Length > 0)).Trim() is { Length: > 0 } body ? body + "\n" : string.Empty;

        public void Blocks(INodeList nodes)
        {
            var inline = new StringBuilder();
            foreach (var node in nodes)
            {
                if (node is IElement element && IsBlock(element))
                {
                    Flush(inline);
                    Block(element);
                }
                else
                {
                    Inline(node, inline);
                }
            }

            Flush(inline);
        }

        private void Flush(StringBuilder inline)
        {
            var text = Collapse(inline.ToString());
            if (text.Length > 0)
            {
                _blocks.Add(text);
            }

            inline.Clear();
        }

        private void Block(IElement element)
        {
            switch (element.LocalName)
            {
                case "p":
                    _blocks.Add(InlineOf(element));
                    break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    // The article's own headline is its only first-level heading.
                    var level = Math.Max(2, element.LocalName[1] - '0');
                    if (InlineOf(element) is { Length: > 0 } heading)
                    {
                        _blocks.Add(new string('#', level) + " " + heading.Replace('\n', ' '));
                    }

                    break;
                case "ul" or "ol":
                    _blocks.Add(List(element, 0));
                    break;
                case "blockquote":
                    Quote(element);
                    break;
                case "pre":
                    _blocks.Add("```\n" + element.TextContent.Replace("```", "'''", StringComparison.Ordinal).Trim('\n') + "\n```");
                    break;
                case "hr":
                    _blocks.Add("---");
                    break;
                case "figure":
                    Figure(element);
                    break;
                case "img":
                    Image(element, null);
                    break;
                case "iframe" or "video" or "audio":
                    Embedded(element);
                    break;
                case "table":
                    Table(element);
                    break;
                default:
                    if (Dropped.Contains(element.LocalName))
                    {
                        return;
                    }

                    Blocks(element.ChildNodes);
                    break;
            }
        }

        private void Quote(IElement quote)
        {
            var inner = new Writer(images, notes);
            var cite = quote.QuerySelector("cite");
            cite?.Remove();
            inner.Blocks(quote.ChildNodes);
            var text = inner.Result().TrimEnd();
            if (cite is not null && InlineOf(cite) is { Length: > 0 } source)
            {
                text += "\n\n— " + source;
            }

            if (text.Length > 0)
            {
                _blocks.Add(string.Join('\n', text.Split('\n').Select(line => line.Length > 0 ? "> " + line : ">")));
            }
        }

        private void Figure(IElement figure)
        {
            var caption = figure.QuerySelector("figcaption") is { } figcaption ? Collapse(figcaption.TextContent) : null;
            if (figure.QuerySelector("img") is { } img)
            {
                Image(img, caption);
                return;
            }

            if (figure.QuerySelector("iframe, video, audio") is { } media)
            {
                Embedded(media);
                return;
            }

            // A block-editor embed keeps its address as the figure's text: readers get a link to it.
            if (Collapse(figure.TextContent) is { Length: > 0 } text && Uri.TryCreate(text.Split(' ')[0], UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
            {
                _blocks.Add(Link(address.AbsoluteUri, address.AbsoluteUri));
                notes.Add($"Embed kept as a link: {address.AbsoluteUri}");
                return;
            }

            Blocks(figure.ChildNodes);
        }

        private void Image(IElement img, string? caption)
        {
            var source = img.GetAttribute("src");
            if (string.IsNullOrWhiteSpace(source))
            {
                return;
            }

            var alt = img.GetAttribute("alt");
            if (images(source, string.IsNullOrWhiteSpace(alt) ? null : alt.Trim(), string.IsNullOrWhiteSpace(caption) ? null : caption) is { } placed)
            {
                _blocks.Add(placed);
            }
        }

        private void Embedded(IElement media)
        {
            var source = media.GetAttribute("src") ?? media.QuerySelector("source")?.GetAttribute("src");
            if (source is not null && Uri.TryCreate(source, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
            {
                _blocks.Add(Link(address.AbsoluteUri, address.AbsoluteUri));
                notes.Add($"Embedded {media.LocalName} kept as a link: {address.AbsoluteUri}");
            }
            else
            {
                notes.Add($"Embedded {media.LocalName} left out: it has no web address.");
            }
        }

        private void Table(IElement table)
        {
            // Rows as lines: the text survives, the grid does not.
            foreach (var row in table.QuerySelectorAll("tr"))
            {
                var cells = row.Children.Where(c => c.LocalName is "td" or "th").Select(InlineOf).Where(c => c.Length > 0).ToList();
                if (cells.Count > 0)
                {
                    _blocks.Add(string.Join(" · ", cells));
                }
            }

            notes.Add("A table was kept as lines of text.");
        }

        private string List(IElement list, int depth)
        {
            var lines = new List<string>();
            var number = 1;
            foreach (var item in list.Children.Where(c => c.LocalName == "li"))
            {
                var marker = list.LocalName == "ol" ? $"{number++}." : "-";
                var text = new StringBuilder();
                var nested = new List<string>();
                foreach (var child in item.ChildNodes)
                {
                    if (child is IElement { LocalName: "ul" or "ol" } sub)
                    {
                        nested.Add(List(sub, depth + 1));
                    }
                    else
                    {
                        Inline(child, text);
                    }
                }

                lines.Add(new string(' ', depth * 3) + marker + " " + Collapse(text.ToString()).Replace("\n", " ", StringComparison.Ordinal));
                lines.AddRange(nested);
            }

            return string.Join('\n', lines);
        }

        private string InlineOf(IElement element)
        {
            var text = new StringBuilder();
            foreach (var child in element.ChildNodes)
            {
                Inline(child, text);
            }

            return Collapse(text.ToString());
        }

        private void Inline(INode node, StringBuilder text)
        {
            switch (node)
            {
                case IText t:
                    text.Append(Escape(t.Data));
                    break;
                case IElement element when Dropped.Contains(element.LocalName):
                    break;
                case IElement { LocalName: "br" }:
                    text.Append("  \n");
                    break;
                case IElement { LocalName: "strong" or "b" } strong when InlineOf(strong) is { Length: > 0 } bold:
                    text.Append("**").Append(bold).Append("**");
                    break;
                case IElement { LocalName: "em" or "i" } em when InlineOf(em) is { Length: > 0 } italic:
                    text.Append('*').Append(italic).Append('*');
                    break;
                case IElement { LocalName: "code" } code:
                    text.Append('`').Append(code.TextContent.Replace("`", "'", StringComparison.Ordinal)).Append('`');
                    break;
                case IElement { LocalName: "a" } a:
                    var label = InlineOf(a);
                    text.Append(a.GetAttribute("href") is { } href && SafeAddress(href) is { } safe && label.Length > 0 ? Link(label, safe) : label);
                    break;
                case IElement { LocalName: "img" } img:
                    // An image inside running text: its description stays, the picture is placed as its own block.
                    Image(img, null);
                    break;
                case IElement element:
                    foreach (var child in element.ChildNodes)
                    {
                        Inline(child, text);
                    }

                    break;
            }
        }

        private static string Link(string label, string address) =>
            "[" + label + "](<" + address.Replace(">", "%3E", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal) + ">)";

        /// <summary>Web, mail and site-relative addresses; anything else (<c>javascript:</c>, <c>data:</c>) is dropped.</summary>
        private static string? SafeAddress(string href)
        {
            href = href.Trim();
            if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal))
            {
                return href;
            }

            return Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" ? uri.OriginalString : null;
        }

        private static bool IsBlock(IElement element) => element.LocalName is
            "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "ul" or "ol" or "blockquote" or "pre" or "hr" or "figure"
            or "div" or "section" or "article" or "header" or "footer" or "aside" or "main" or "nav" or "table" or "iframe"
            or "video" or "audio" or "dl" or "details" or "center" or "address"
            || Dropped.Contains(element.LocalName);

        /// <summary>HTML's whitespace rules: runs become one space; kept line breaks (from <c>br</c>) stay.</summary>
        private static string Collapse(string text)
        {
            var lines = text.Split("  \n");
            return string.Join("  \n", lines.Select(l => string.Join(' ', l.Split((char[])[' ', '\n', '\r', '\t', '\u00a0'], StringSplitOptions.RemoveEmptyEntries)))).Trim();
        }

        /// <summary>Text stays text: characters Markdown would read as markup, and embed braces, are escaped.</summary>
        private static string Escape(string text)
        {
            var escaped = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '<' or '>' or '#' or '{' or '}' or '|' or '~')
                {
                    escaped.Append('\\');
                }

                escaped.Append(c);
            }

            return escaped.ToString();
        }
    }
}
