using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Gaceta.Wire;

/// <summary>
/// An IPTC ninjs news item as Gaceta takes it in: 1.x fields (<c>headline</c>, <c>description_text</c>,
/// <c>body_text</c>, <c>body_html</c>) and their 2.x forms (<c>headlines</c>, <c>descriptions</c>,
/// <c>bodies</c>). The body becomes Markdown paragraphs with every character that Markdown or Gaceta's embed
/// markers would read escaped, so an agency's text can never become a link, an image or a poll.
/// </summary>
public sealed partial record NinjsItem(
    string Uri,
    string Version,
    DateTime? VersionCreated,
    string Language,
    string Headline,
    string Standfirst,
    string Body,
    string Credit)
{
    public const int MaxUriLength = 500;

    private static readonly HtmlParser Html = new();

    /// <summary>Reads one item; on failure, every problem found, in words an operator can act on.</summary>
    public static (NinjsItem? Item, IReadOnlyList<string> Errors) Read(JsonElement json, IReadOnlyCollection<string> languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        var errors = new List<string>();
        if (json.ValueKind != JsonValueKind.Object)
        {
            return (null, ["The item is not a JSON object."]);
        }

        var uri = Text(json, "uri");
        if (string.IsNullOrWhiteSpace(uri))
        {
            errors.Add("'uri' is missing: every item needs its agency's identifier.");
        }
        else if (uri.Length > MaxUriLength)
        {
            errors.Add($"'uri' is longer than {MaxUriLength} characters.");
        }

        var type = Text(json, "type");
        if (type is not null && type != "text")
        {
            errors.Add($"Only text items are imported; this one is '{type}'.");
        }

        var language = Text(json, "language")?.Split('-', 2)[0].ToLowerInvariant();
        if (language is null || !languages.Contains(language))
        {
            errors.Add($"'language' must be one of: {string.Join(", ", languages)}.");
        }

        var headline = Clean(Text(json, "headline") ?? Main(json, "headlines"));
        if (string.IsNullOrEmpty(headline))
        {
            errors.Add("'headline' (or 'headlines') is missing.");
        }

        var paragraphs = BodyParagraphs(json);
        if (paragraphs.Count == 0)
        {
            errors.Add("The item has no body ('body_text', 'body_html' or 'bodies').");
        }

        var standfirst = Clean(Text(json, "description_text") ?? StripHtml(Text(json, "description_html")) ?? Main(json, "descriptions"))
            ?? paragraphs.FirstOrDefault();
        DateTime? versionCreated = null;
        if (Text(json, "versioncreated") is { } created)
        {
            if (DateTime.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                versionCreated = at;
            }
            else
            {
                errors.Add("'versioncreated' is not a date and time.");
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var version = json.TryGetProperty("version", out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : "1";
        var credit = Clean(Text(json, "copyrightholder") ?? Text(json, "creditline") ?? Text(json, "provider")) ?? "Wire";
        return (new NinjsItem(
            uri!.Trim(),
            version.Length > 50 ? version[..50] : version,
            versionCreated,
            language!,
            Limit(headline!, Articles.ArticleLimits.Headline),
            Limit(standfirst!, Articles.ArticleLimits.Standfirst),
            string.Join("\n\n", paragraphs.Select(Escape)),
            Limit(credit, Articles.ArticleLimits.WireCredit)), []);
    }

    /// <summary>Whether this version is later than <paramref name="stored"/>: by number, else by date, else by text.</summary>
    public bool IsNewerThan(string stored, DateTime? storedCreated)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (long.TryParse(Version, NumberStyles.Integer, CultureInfo.InvariantCulture, out var mine)
            && long.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var theirs))
        {
            return mine > theirs;
        }

        return VersionCreated is { } created && storedCreated is { } before
            ? created > before
            : string.CompareOrdinal(Version, stored) > 0;
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The value of the <c>main</c> (or else the first) entry of a 2.x list such as <c>headlines</c>.</summary>
    private static string? Main(JsonElement json, string list)
    {
        if (!json.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var entries = items.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList();
        var main = entries.FirstOrDefault(e => Text(e, "role") is "main" or "summary");
        var chosen = main.ValueKind == JsonValueKind.Object ? main : entries.FirstOrDefault();
        if (chosen.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var value = Text(chosen, "value");
        return Text(chosen, "contenttype") is { } type && type.Contains("html", StringComparison.OrdinalIgnoreCase) ? StripHtml(value) : value;
    }

    private static List<string> BodyParagraphs(JsonElement json)
    {
        if (Text(json, "body_text") is { Length: > 0 } text)
        {
            return TextParagraphs(text);
        }

        if (Text(json, "body_html") is { Length: > 0 } html)
        {
            return HtmlParagraphs(html);
        }

        if (json.TryGetProperty("bodies", out var bodies) && bodies.ValueKind == JsonValueKind.Array)
        {
            var entries = bodies.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList();
            var chosen = entries.FirstOrDefault(e => Text(e, "role") is "main" or null);
            if (chosen.ValueKind == JsonValueKind.Object && Text(chosen, "value") is { Length: > 0 } value)
            {
                return Text(chosen, "contenttype") is { } type && type.Contains("html", StringComparison.OrdinalIgnoreCase)
                    ? HtmlParagraphs(value)
                    : TextParagraphs(value);
            }
        }

        return [];
    }

    private static List<string> TextParagraphs(string text) =>
        BlankLines().Split(text.ReplaceLineEndings("\n")).Select(p => Clean(p)).OfType<string>().ToList();

    private static List<string> HtmlParagraphs(string html)
    {
        var document = Html.ParseDocument($"<body>{html}</body>");
        var blocks = document.Body!.QuerySelectorAll("p, h1, h2, h3, h4, h5, h6, li, blockquote, pre").Where(e => e.QuerySelector("p, li") is null);
        var paragraphs = blocks.Select(b => Clean(b.TextContent)).OfType<string>().ToList();
        return paragraphs.Count > 0 ? paragraphs : TextParagraphs(document.Body.TextContent);
    }

    private static string? StripHtml(string? html) => html is null ? null : Html.ParseDocument($"<body>{html}</body>").Body!.TextContent;

    /// <summary>Spaces folded, control characters removed; null when nothing is left.</summary>
    private static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var folded = Whitespace().Replace(new string(text.Where(c => !char.IsControl(c) || c is '\n' or '\t').ToArray()), " ").Trim();
        return folded.Length == 0 ? null : folded;
    }

    /// <summary>
    /// A backslash before every character Markdown, its autolinks (<c>https:</c>, <c>www.</c>) or an embed marker
    /// could read as markup; CommonMark renders each escaped character as itself.
    /// </summary>
    private static string Escape(string paragraph)
    {
        var escaped = new StringBuilder(paragraph.Length + 16);
        foreach (var c in paragraph)
        {
            if (@"\`*_{}[]()<>#+-.!|~:@".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static string Limit(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
