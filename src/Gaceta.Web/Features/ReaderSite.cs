using System.Text.Encodings.Web;
using System.Text.Unicode;
using Gaceta.Subscribers;
using Gaceta.Web.Features.Home;
using Gaceta.Web.Features.Media;
using Gaceta.Web.Features.Polls;
using Gaceta.Web.Features.Search;
using Gaceta.Web.Features.Subscribers;
using Gaceta.Web.Features.Syndication;
using Gaceta.Web.Infrastructure.Mail;
using Gaceta.Web.Infrastructure.Network;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Gaceta.Web.Features;

/// <summary>
/// The public reader site: cacheable front pages, sections, authors, articles and polls in every language, and
/// the personal subscription pages its mails link to.
/// </summary>
internal static class ReaderSite
{
    public static IServiceCollection AddReaderSite(this IServiceCollection services)
    {
        services.AddReaderLocalization();
        services.AddReaderCache();
        services.AddSingleton<SiteUrls>();
        services.AddSingleton<ReaderDates>();
        services.AddSingleton<Articles.ArticleMetadata>();
        services.AddSearchRoutes();
        services.AddSingleton<SearchRateLimiter>();
        services.AddClientAddresses();
        services.AddSingleton<VoteRateLimiter>();
        services.AddSingleton<ISubscriptionMails, SubscriptionMails>();
        services.AddSingleton<Infrastructure.Background.ClusterLeases>();
        services.AddHostedService<MailOutboxService>();
        services.AddHostedService<RequestedConfirmationsService>();
        services.PostConfigure<RequestLocalizationOptions>(o => o.RequestCultureProviders.Insert(0, new SubscriptionLanguageCultureProvider()));
        // Accented letters, dashes and guillemets are ordinary text in both languages: emit them as is.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(options => options.RootDirectory = "/Features")
            .AddViewLocalization();
        return services;
    }

    public static IEndpointRouteBuilder MapReaderSite(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapLanguageRedirect();
        endpoints.MapFeeds();
        endpoints.MapSitemaps();
        endpoints.MapMedia();
        endpoints.MapRazorPages();
        return endpoints;
    }
}
