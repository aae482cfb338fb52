using System.Text.Encodings.Web;
using System.Text.Unicode;
using Gaceta.Web.Features.Home;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Localization;
using Microsoft.Extensions.WebEncoders;

namespace Gaceta.Web.Features;

/// <summary>The public, cacheable reader site: front pages, sections, authors and articles in every language.</summary>
internal static class ReaderSite
{
    public static IServiceCollection AddReaderSite(this IServiceCollection services)
    {
        services.AddReaderLocalization();
        services.AddReaderCache();
        services.AddSingleton<SiteUrls>();
        services.AddSingleton<ReaderDates>();
        // Accented letters, dashes and guillemets are ordinary text in both languages: emit them as is.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(options => options.RootDirectory = "/Features")
            .AddViewLocalization();
        return services;
    }

    public static IEndpointRouteBuilder MapReaderSite(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapLanguageRedirect();
        endpoints.MapRazorPages();
        return endpoints;
    }
}
