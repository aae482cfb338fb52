using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Gaceta.Site;
using Gaceta.Web.Infrastructure.Localization;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Infrastructure.Caching;

/// <summary>
/// Reader pages are the same for every visitor, so they are output-cached and tagged with what they show.
/// A change evicts exactly the tags it touches (see <see cref="ReaderCacheInvalidator"/>).
/// </summary>
internal static class ReaderCache
{
    /// <summary>Front pages of every language.</summary>
    public const string FrontTag = "front";

    /// <summary>The public list of newsletters.</summary>
    public const string NewslettersTag = "newsletters";

    /// <summary>Every reader page: they all carry the section navigation.</summary>
    public const string AllTag = "reader";

    /// <summary>Any page showing the story: its articles and every listing that includes it.</summary>
    public static string Story(int storyId) => "story:" + storyId.ToString(CultureInfo.InvariantCulture);

    /// <summary>A section's own listing pages.</summary>
    public static string SectionListing(int sectionId) => "section-list:" + sectionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>An author's own listing pages.</summary>
    public static string AuthorListing(int authorId) => "author-list:" + authorId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Any page showing the author's name or bio.</summary>
    public static string Author(int authorId) => "author:" + authorId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Any page showing the poll's results or its form.</summary>
    public static string Poll(int pollId) => "poll:" + pollId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Any page showing the poll's results. Counted votes evict these alone: an article with an open poll shows its
    /// form, which no vote changes, so a viral poll does not empty its article's cache with every batch of votes.
    /// </summary>
    public static string PollResults(int pollId) => "poll-results:" + pollId.ToString(CultureInfo.InvariantCulture);

    public static IServiceCollection AddReaderCache(this IServiceCollection services)
    {
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<ReaderCacheOptions>, SiteLanguages>((options, reader, languages) =>
            // A base policy rather than endpoint metadata: the cache answers before routing, static files and
            // localization run, which is most of what a cached page would otherwise cost.
            options.AddBasePolicy(policy => policy
                .With(context => IsReaderPath(context.HttpContext.Request.Path, languages)
                    || Features.Syndication.SitemapEndpoints.IsSitemapPath(context.HttpContext.Request.Path))
                .Expire(TimeSpan.FromSeconds(reader.Value.DurationSeconds))
                // Only the page number, a search's words (and whether a poll block is asked for alone) change
                // a response; other query strings must not create cache entries of their own.
                .SetVaryByQuery("page", "fragment", "q")
                .Tag(AllTag)));
        services.AddSingleton<ReaderCacheInvalidator>();
        services.AddSingleton<Gaceta.Changes.IChangeSubscriber>(provider => provider.GetRequiredService<ReaderCacheInvalidator>());
        return services;
    }

    /// <summary>Reader pages are the addresses under a language prefix: <c>/en/…</c>, <c>/es/…</c>.</summary>
    internal static bool IsReaderPath(PathString path, SiteLanguages languages) =>
        languages.IsSupported(PathLanguageCultureProvider.FirstSegment(path.Value));

    /// <summary>Keeps this response in the cache for less than the reader pages' usual time.</summary>
    public static void ExpireReaderCacheAfter(this HttpContext context, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IOutputCacheFeature>() is { } feature)
        {
            feature.Context.ResponseExpirationTimeSpan = duration;
        }
    }

    /// <summary>Adds tags to the cache entry being made for this response, if any.</summary>
    public static void TagReaderCache(this HttpContext context, params IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IOutputCacheFeature>() is { } feature)
        {
            foreach (var tag in tags)
            {
                feature.Context.Tags.Add(tag);
            }
        }
    }
}
