using System.Globalization;
using System.Xml;
using Gaceta.Syndication;
using Gaceta.Site;

namespace Gaceta.Web.Features.Syndication;

/// <summary>A feed's words and addresses, already localized and absolute.</summary>
/// <param name="SelfUrl">The feed's own address.</param>
/// <param name="PageUrl">The page the feed follows.</param>
internal sealed record FeedHead(string Title, string Description, string SelfUrl, string PageUrl, string Publisher);

/// <summary>RSS 2.0 and Atom 1.0 from one <see cref="ReadFeed.Feed"/>, with absolute links throughout.</summary>
internal static class FeedWriter
{
    public const string RssType = "application/rss+xml; charset=utf-8";
    public const string AtomType = "application/atom+xml; charset=utf-8";

    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";


    public static byte[] Rss(ReadFeed.Feed feed, FeedHead head, Func<string, string> absolute)
    {
        return XmlBody.Write(xml =>
        {
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "atom", null, AtomNs);
            xml.WriteAttributeString("xmlns", "dc", null, DcNs);
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", head.Title);
            xml.WriteElementString("link", head.PageUrl);
            xml.WriteElementString("description", head.Description);
            xml.WriteElementString("language", feed.Language);
            xml.WriteElementString("generator", "Gaceta");
            if (feed.Updated is { } updated)
            {
                xml.WriteElementString("lastBuildDate", Rfc822(updated));
            }

            xml.WriteStartElement("atom", "link", AtomNs);
            xml.WriteAttributeString("href", head.SelfUrl);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", "application/rss+xml");
            xml.WriteEndElement();
            foreach (var entry in feed.Entries)
            {
                var url = absolute(entry.Path);
                xml.WriteStartElement("item");
                xml.WriteElementString("title", entry.Headline);
                xml.WriteElementString("link", url);
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "true");
                xml.WriteString(url);
                xml.WriteEndElement();
                xml.WriteElementString("description", entry.Standfirst);
                xml.WriteElementString("pubDate", Rfc822(entry.Published));
                foreach (var author in entry.Authors)
                {
                    xml.WriteElementString("dc", "creator", DcNs, author);
                }

                if (entry.Section is { } section)
                {
                    xml.WriteElementString("category", section);
                }

                if (entry.ImagePath is { } image)
                {
                    // The copy is made when first asked for, so its size is not known here: 0, as the RSS Advisory
                    // Board's profile advises for an unknown length.
                    xml.WriteStartElement("enclosure");
                    xml.WriteAttributeString("url", absolute(image));
                    xml.WriteAttributeString("length", "0");
                    xml.WriteAttributeString("type", "image/jpeg");
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        });
    }

    public static byte[] Atom(ReadFeed.Feed feed, FeedHead head, Func<string, string> absolute, DateTime emptyUpdated)
    {
        return XmlBody.Write(xml =>
        {
            xml.WriteStartElement("feed", AtomNs);
            xml.WriteAttributeString("xml", "lang", null, feed.Language);
            xml.WriteElementString("id", AtomNs, head.SelfUrl);
            xml.WriteElementString("title", AtomNs, head.Title);
            xml.WriteElementString("subtitle", AtomNs, head.Description);
            xml.WriteElementString("updated", AtomNs, IsoDates.Of(feed.Updated ?? emptyUpdated));
            Link(xml, "alternate", head.PageUrl, "text/html");
            Link(xml, "self", head.SelfUrl, "application/atom+xml");
            xml.WriteStartElement("author", AtomNs);
            xml.WriteElementString("name", AtomNs, head.Publisher);
            xml.WriteEndElement();
            xml.WriteElementString("generator", AtomNs, "Gaceta");
            foreach (var entry in feed.Entries)
            {
                var url = absolute(entry.Path);
                xml.WriteStartElement("entry", AtomNs);
                xml.WriteElementString("id", AtomNs, url);
                xml.WriteElementString("title", AtomNs, entry.Headline);
                Link(xml, "alternate", url, "text/html");
                xml.WriteElementString("published", AtomNs, IsoDates.Of(entry.Published));
                xml.WriteElementString("updated", AtomNs, IsoDates.Of(entry.Updated));
                xml.WriteStartElement("summary", AtomNs);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(entry.Standfirst);
                xml.WriteEndElement();
                foreach (var author in entry.Authors)
                {
                    xml.WriteStartElement("author", AtomNs);
                    xml.WriteElementString("name", AtomNs, author);
                    xml.WriteEndElement();
                }

                if (entry.Section is { } section)
                {
                    xml.WriteStartElement("category", AtomNs);
                    xml.WriteAttributeString("term", section);
                    xml.WriteEndElement();
                }

                if (entry.ImagePath is { } image)
                {
                    Link(xml, "enclosure", absolute(image), "image/jpeg");
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }


    private static string Rfc822(DateTime utc) => utc.ToString("r", CultureInfo.InvariantCulture);
}
