using System.Text;
using System.Xml;

namespace Gaceta.Web.Features.Syndication;

/// <summary>Feeds and sitemaps are written whole into memory (they are small and cached), UTF-8 without BOM.</summary>
internal static class XmlBody
{
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true };

    public static byte[] Write(Action<XmlWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            xml.WriteStartDocument();
            body(xml);
            xml.WriteEndDocument();
        }

        return stream.ToArray();
    }
}
