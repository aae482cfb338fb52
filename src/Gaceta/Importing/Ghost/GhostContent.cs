using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Gaceta.Importing.Ghost;

/// <summary>
/// A Ghost post's <c>html</c> made ready for <see cref="HtmlToMarkdown"/>: the <c>__GHOST_URL__</c> placeholder
/// Ghost writes for its own address is taken out (links to the old site become site-relative, and the redirect
/// table answers them), a bookmark card becomes a link with its title, and a gallery becomes one figure per
/// photo. Image cards, embeds, callouts and buttons are plain HTML the converter already reads.
/// </summary>
public static partial class GhostContent
{
    /// <summary>What Ghost writes in place of the site's own address in an export.</summary>
    public const string SiteAddress = "__GHOST_URL__";

    /// <summary>Where Ghost serves uploaded photos from; the path inside a copy of <c>content/images</c> starts after it.</summary>
    public const string ImagesMarker = "/content/images/";

    private static readonly HtmlParser Parser = new();

    public static string Prepare(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        html = html.Replace(SiteAddress, string.Empty, StringComparison.Ordinal);
        if (!html.Contains("kg-bookmark-card", StringComparison.Ordinal) && !html.Contains("kg-gallery-card", StringComparison.Ordinal))
        {
            return html;
        }

        var document = Parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var body = document.Body!;
        body.InnerHtml = html;
        foreach (var card in body.QuerySelectorAll("figure.kg-bookmark-card").ToList())
        {
            var link = card.QuerySelector("a[href]");
            var title = card.QuerySelector(".kg-bookmark-title")?.TextContent.Trim();
            var paragraph = document.CreateElement("p");
            if (link is not null)
            {
                var anchor = document.CreateElement("a");
                anchor.SetAttribute("href", link.GetAttribute("href")!);
                anchor.TextContent = string.IsNullOrEmpty(title) ? link.GetAttribute("href")! : title;
                paragraph.AppendChild(anchor);
            }

            card.Replace(paragraph);
        }

        foreach (var gallery in body.QuerySelectorAll("figure.kg-gallery-card").ToList())
        {
            var caption = gallery.QuerySelector("figcaption")?.TextContent.Trim();
            foreach (var image in gallery.QuerySelectorAll("img").ToList())
            {
                var figure = document.CreateElement("figure");
                figure.AppendChild(image.Clone());
                if (!string.IsNullOrEmpty(caption))
                {
                    var text = document.CreateElement("figcaption");
                    text.TextContent = caption;
                    figure.AppendChild(text);
                }

                gallery.Before(figure);
            }

            gallery.Remove();
        }

        return body.InnerHtml;
    }

    /// <summary>
    /// A photo's address as the original's: Ghost serves resized copies at <c>/content/images/size/w600/…</c> and
    /// keeps the upload at <c>/content/images/…</c>.
    /// </summary>
    public static string OriginalImage(string address) => ResizedCopy().Replace(address ?? string.Empty, ImagesMarker);

    [GeneratedRegex(@"/content/images/size/w\d+(?:h\d+)?/(?:format/[a-z0-9]+/)?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ResizedCopy();
}
