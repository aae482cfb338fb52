using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Gaceta.Importing.WordPress;

/// <summary>
/// A post's <c>content:encoded</c> as WordPress stores it, made ready for <see cref="HtmlToMarkdown"/>: the classic
/// editor's bare paragraphs get their <c>&lt;p&gt;</c> (what WordPress's <c>wpautop</c> does when it shows a
/// post), <c>[caption]</c> becomes a figure and <c>[embed]</c> a link, and every other shortcode is removed and
/// named in the report (a form such as <c>[gravityform id="3"]</c> is for an editor to replace with a poll).
/// Block-editor comments (<c>&lt;!-- wp:… --&gt;</c>) are HTML comments and fall away in conversion.
/// </summary>
public static partial class WordPressContent
{
    public static string ToMarkdown(string content, HtmlToMarkdown converter, HtmlToMarkdown.ImagePlacer images, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(converter);
        ArgumentNullException.ThrowIfNull(notes);
        // Paragraphs are WordPress's to add only where the author wrote none (the classic editor).
        var html = !content.Contains("<!-- wp:", StringComparison.Ordinal) && !content.Contains("<p", StringComparison.OrdinalIgnoreCase)
            ? AutoParagraphs(content)
            : content;
        html = Shortcodes(html, notes);

        return converter.Convert(html, images, notes);
    }

    private static string Shortcodes(string content, ICollection<string> notes) =>
        Shortcode().Replace(content, match =>
        {
            if (match.Groups["attrs"].Value.Trim().Length == 0 && !match.Groups["inner"].Success && !AloneOnLine(content, match))
            {
                return match.Value;
            }

            var name = match.Groups["name"].Value.ToLowerInvariant();
            var inner = match.Groups["inner"].Success ? match.Groups["inner"].Value : string.Empty;
            switch (name)
            {
                case "caption" or "wp_caption":
                    // [caption]<img …> The caption's text[/caption]
                    var image = ImageTag().Match(inner);
                    var text = image.Success ? inner.Remove(image.Index, image.Length) : inner;
                    return image.Success ? $"<figure>{image.Value}<figcaption>{text.Trim()}</figcaption></figure>" : $"<p>{text.Trim()}</p>";
                case "embed":
                    return $"<figure>{WebUtility.HtmlEncode(inner.Trim())}</figure>";
                default:
                    notes.Add($"Shortcode removed: {match.Value[..Math.Min(match.Value.Length, 120)].Split(']')[0]}]");
                    return string.Empty;
            }
        });

    /// <summary>WordPress's <c>wpautop</c>, for text with no paragraphs of its own: blank lines part paragraphs, single line breaks stay.</summary>
    private static string AutoParagraphs(string html)
    {
        var paragraphs = html.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            result.Append(BlockStart().IsMatch(paragraph) ? paragraph : "<p>" + paragraph.Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>").Append('\n');
        }

        return result.ToString();
    }

    /// <summary>
    /// <c>[name attributes]</c>, optionally closed by <c>[/name]</c>. A bare bracketed word inside a sentence, such as
    /// "[sic]", is text: a shortcode here has attributes, a closing tag, or a line to itself.
    /// </summary>
    [GeneratedRegex(@"\[(?<name>[a-zA-Z][\w-]*)(?<attrs>(?:\s+[^\]]*)?)\](?:(?<inner>.*?)\[/\k<name>\])?", RegexOptions.Singleline | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Shortcode();

    private static bool AloneOnLine(string content, Match match)
    {
        var start = content.LastIndexOf('\n', Math.Max(0, match.Index - 1)) + 1;
        var end = content.IndexOf('\n', match.Index + match.Length);
        var line = content[start..(end < 0 ? content.Length : end)];
        return Tags().Replace(line, string.Empty).Trim() == match.Value;
    }

    [GeneratedRegex(@"<img\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ImageTag();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Tags();

    [GeneratedRegex(@"^<(?:p|div|h[1-6]|ul|ol|blockquote|figure|table|pre|hr)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BlockStart();
}
