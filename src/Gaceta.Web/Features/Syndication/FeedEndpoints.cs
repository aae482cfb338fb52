using Gaceta.Site;
using Gaceta.Syndication;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Http;
using Gaceta.Web.Infrastructure.Localization;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Syndication;

/// <summary>
/// RSS 2.0 and Atom feeds per language (<c>/{lang}/feed.xml</c>, <c>/{lang}/atom.xml</c>) and per section
/// (<c>/{lang}/{section}/feed.xml</c>, <c>…/atom.xml</c>). They are reader pages to the output cache, evicted
/// with the front pages on every publish, and answer conditional GETs with 304.
/// </summary>
internal static class FeedEndpoints
{
    public const string Description = "The latest stories from {0}.";

    public static string RssPath(string language, string? sectionSlug = null) => Base(language, sectionSlug) + "feed.xml";

    public static string AtomPath(string language, string? sectionSlug = null) => Base(language, sectionSlug) + "atom.xml";

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/{lang:lang}/feed.xml", (HttpContext context, string lang, ReadFeed.Handler feeds) => ServeAsync(context, lang, null, atom: false, feeds));
        endpoints.MapGet("/{lang:lang}/atom.xml", (HttpContext context, string lang, ReadFeed.Handler feeds) => ServeAsync(context, lang, null, atom: true, feeds));
        endpoints.MapGet("/{lang:lang}/{section}/feed.xml", (HttpContext context, string lang, string section, ReadFeed.Handler feeds) => ServeAsync(context, lang, section, atom: false, feeds));
        endpoints.MapGet("/{lang:lang}/{section}/atom.xml", (HttpContext context, string lang, string section, ReadFeed.Handler feeds) => ServeAsync(context, lang, section, atom: true, feeds));
        return endpoints;
    }

    private static string Base(string language, string? sectionSlug) => sectionSlug is null ? $"/{language}/" : $"/{language}/{sectionSlug}/";

    private static async Task<IResult> ServeAsync(HttpContext context, string language, string? section, bool atom, ReadFeed.Handler feeds)
    {
        var feed = await feeds.HandleAsync(new ReadFeed.Query(language, section), context.RequestAborted);
        if (feed is null)
        {
            return Results.NotFound();
        }

        var services = context.RequestServices;
        var site = services.GetRequiredService<IOptions<SiteOptions>>().Value;
        var urls = services.GetRequiredService<SiteUrls>();
        var text = services.GetRequiredService<InterfaceText>();
        var culture = services.GetRequiredService<SiteLanguages>().Get(language).Culture;
        var title = feed.SectionName is null ? site.Name : $"{site.Name} — {feed.SectionName}";
        var self = urls.Absolute(atom ? AtomPath(language, section) : RssPath(language, section));
        var head = new FeedHead(title, string.Format(culture, text.In(culture, Description), title), self, urls.Absolute(feed.Path), site.Name);

        // Every story change evicts the front pages' tag; feeds go with them.
        context.TagReaderCache(feed.SectionId is { } id ? [ReaderCache.FrontTag, ReaderCache.SectionListing(id)] : [ReaderCache.FrontTag]);
        var body = atom
            ? FeedWriter.Atom(feed, head, urls.Absolute, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime)
            : FeedWriter.Rss(feed, head, urls.Absolute);
        return ConditionalGet.Serve(context, body, atom ? FeedWriter.AtomType : FeedWriter.RssType, feed.Updated, "public, max-age=300");
    }
}
