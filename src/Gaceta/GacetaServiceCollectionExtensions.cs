using Gaceta.Api;
using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Authors;
using Gaceta.Changes;
using Gaceta.Data;
using Gaceta.Demo;
using Gaceta.Importing;
using Gaceta.Mail;
using Gaceta.Media;
using Gaceta.Newsletters;
using Gaceta.Polls;
using Gaceta.Redirects;
using Gaceta.Search;
using Gaceta.Sections;
using Gaceta.Security;
using Gaceta.Site;
using Gaceta.Staff;
using Gaceta.Subscribers;
using Gaceta.Syndication;
using Gaceta.Translations;
using Gaceta.Wire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta;

public static class GacetaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the core, feature by feature: each feature's module registers its use cases and binds and
    /// validates its own settings from <paramref name="configuration"/>. The web host and the command line both
    /// call this, so both refuse the same wrong settings with the same words. Entity configurations are found by
    /// <see cref="GacetaDb"/> in each feature's EntityConfigurations folder.
    /// </summary>
    public static IServiceCollection AddGacetaCore(this IServiceCollection services, IConfiguration configuration)
    {
        return services
            .AddSite(configuration)
            .AddGacetaData(configuration)
            .AddChanges()
            .AddSecurity()
            .AddStaff(configuration)
            .AddAudit()
            .AddSections()
            .AddAuthors()
            .AddArticles()
            .AddTranslations()
            .AddPolls()
            .AddMail(configuration)
            .AddSubscribers(configuration)
            .AddNewsletters(configuration)
            .AddSyndication()
            .AddSearch()
            .AddApi()
            .AddWire()
            .AddImporting()
            .AddRedirects()
            .AddMedia(configuration)
            .AddDemo();
    }
}
