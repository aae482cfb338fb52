using System.Globalization;
using System.Text;
using System.Xml;
using Gaceta.Site;
using Gaceta.Syndication;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Syndication;

/// <summary>
/// <c>/sitemap.xml</c>, an index of each language's sitemap (<c>/sitemaps/{lang}/{page}.xml</c>) and of the
/// news sitemap (<c>/sitemaps/news.xml</c>); every entry names its translations and an x-default with
/// <c>xhtml:link rel="alternate"</c>. <c>/robots.txt</c> points to the index and keeps crawlers out of the
/// staff area and the subscribers' own pages.
/// </summary>
internal static class SitemapEndpoints
{
    public const string IndexPath = "/sitemap.xml";
    public const string NewsPath = "/sitemaps/news.xml";
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNs = "http://www.w3.org/1999/xhtml";
    private const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
    private const string XmlType = "application/xml; charset=utf-8";
    private const string CacheControl = "public, max-age=300";


    public static string LanguagePath(string language, int page) => string.Create(CultureInfo.InvariantCulture, $"/sitemaps/{language}/{page}.xml");

    /// <summary>Addresses these endpoints answer, which the output cache keeps like reader pages.</summary>
    public static bool IsSitemapPath(PathString path) =>
        path.Equals(IndexPath, StringComparison.OrdinalIgnoreCase)
        || path.Equals("/robots.txt", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/sitemaps", StringComparison.OrdinalIgnoreCase);

    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(IndexPath, IndexAsync);
        endpoints.MapGet("/sitemaps/{lang:lang}/{page:int}.xml", LanguageAsync);
        endpoints.MapGet(NewsPath, NewsAsync);
        endpoints.MapGet("/robots.txt", (HttpContext context, SiteUrls urls) =>
        {
            context.TagReaderCache(ReaderCache.FrontTag);
            var body = Encoding.UTF8.GetBytes($"User-agent: *\nDisallow: /admin/\nDisallow: /newsletters/\nAllow: /\n\nSitemap: {urls.Absolute(IndexPath)}\n");
            return ConditionalGet.Serve(context, body, "text/plain; charset=utf-8", null, CacheControl);
        });
        return endpoints;
    }

    private static async Task<IResult> IndexAsync(HttpContext context, ReadSitemapIndex.Handler sitemaps, SiteUrls urls)
    {
        var pages = await sitemaps.HandleAsync(new ReadSitemapIndex.Query(), context.RequestAborted);
        context.TagReaderCache(ReaderCache.FrontTag);
        var body = XmlBody.Write(xml =>
        {
            xml.WriteStartElement("sitemapindex", SitemapNs);
            foreach (var (language, count) in pages)
            {
                for (var page = 1; page <= count; page++)
                {
                    Sitemap(xml, urls.Absolute(LanguagePath(language, page)));
                }
            }

            Sitemap(xml, urls.Absolute(NewsPath));
            xml.WriteEndElement();
        });
        return ConditionalGet.Serve(context, body, XmlType, null, CacheControl);
    }

    private static async Task<IResult> LanguageAsync(HttpContext context, string lang, int page, ReadSitemapIndex.Handler sitemaps, ReadSitemapPage.Handler sitemapPages, SiteUrls urls, SiteLanguages languages)
    {
        var pages = await sitemaps.HandleAsync(new ReadSitemapIndex.Query(), context.RequestAborted);
        if (page < 1 || page > pages[lang])
        {
            return Results.NotFound();
        }

        var entries = await sitemapPages.HandleAsync(new ReadSitemapPage.Query(lang, page), context.RequestAborted);
        context.TagReaderCache(ReaderCache.FrontTag);
        var body = XmlBody.Write(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            xml.WriteAttributeString("xmlns", "xhtml", null, XhtmlNs);
            foreach (var entry in entries)
            {
                xml.WriteStartElement("url", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, urls.Absolute(entry.Path));
                if (entry.LastModified is { } modified)
                {
                    xml.WriteElementString("lastmod", SitemapNs, IsoDates.Of(modified));
                }

                // In the site's language order, then x-default: the default language's version, else the first.
                var alternates = languages.All.Where(l => entry.Alternates.ContainsKey(l.Code)).Select(l => (l.Code, entry.Alternates[l.Code])).ToList();
                if (alternates.Count > 1)
                {
                    foreach (var (language, path) in alternates)
                    {
                        Alternate(xml, language, urls.Absolute(path));
                    }

                    Alternate(xml, "x-default", urls.Absolute(entry.Alternates.GetValueOrDefault(languages.Default.Code) ?? alternates[0].Item2));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
        return ConditionalGet.Serve(context, body, XmlType, entries.Max(e => e.LastModified), CacheControl);
    }

    private static async Task<IResult> NewsAsync(HttpContext context, ReadNewsSitemap.Handler news, SiteUrls urls, IOptions<SiteOptions> site)
    {
        var entries = await news.HandleAsync(new ReadNewsSitemap.Query(), context.RequestAborted);
        context.TagReaderCache(ReaderCache.FrontTag);
        var body = XmlBody.Write(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            xml.WriteAttributeString("xmlns", "news", null, NewsNs);
            foreach (var entry in entries)
            {
                xml.WriteStartElement("url", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, urls.Absolute(entry.Path));
                xml.WriteStartElement("news", "news", NewsNs);
                xml.WriteStartElement("news", "publication", NewsNs);
                xml.WriteElementString("news", "name", NewsNs, site.Value.Name);
                xml.WriteElementString("news", "language", NewsNs, entry.Language);
                xml.WriteEndElement();
                xml.WriteElementString("news", "publication_date", NewsNs, IsoDates.Of(entry.Published));
                xml.WriteElementString("news", "title", NewsNs, entry.Headline);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
        return ConditionalGet.Serve(context, body, XmlType, entries.Count == 0 ? null : entries.Max(e => e.Published), CacheControl);
    }

    private static void Sitemap(XmlWriter xml, string url)
    {
        xml.WriteStartElement("sitemap", SitemapNs);
        xml.WriteElementString("loc", SitemapNs, url);
        xml.WriteEndElement();
    }

    private static void Alternate(XmlWriter xml, string language, string url)
    {
        xml.WriteStartElement("xhtml", "link", XhtmlNs);
        xml.WriteAttributeString("rel", "alternate");
        xml.WriteAttributeString("hreflang", language);
        xml.WriteAttributeString("href", url);
        xml.WriteEndElement();
    }

}
