using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Staff;
using Gaceta.Translations;
using Gaceta.Authors;
using Gaceta.Data;
using Gaceta.Demo;
using Gaceta.Mail;
using Gaceta.Newsletters;
using Gaceta.Polls;
using Gaceta.Search;
using Gaceta.Security;
using Gaceta.Subscribers;
using Gaceta.Syndication;
using Gaceta.Sections;
using Gaceta.Site;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gaceta;

public static class GacetaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the core: data, site settings and every use case's handler. Options
    /// (<see cref="SiteOptions"/>, <see cref="DatabaseOptions"/>) are bound and validated by the host.
    /// </summary>
    public static IServiceCollection AddGacetaCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SiteLanguages>();
        services.AddSingleton<SiteClock>();
        services.AddScoped<Changes.ChangeFeed>();
        services.AddGacetaData();
        services.AddStaffAccounts();
        services.AddScoped<AddStaffMember.Handler>();
        services.AddScoped<ManageStaffMember.Handler>();
        services.AddScoped<ResetStaffPassword.Handler>();
        services.AddScoped<ResetStaffTwoFactor.Handler>();
        services.AddScoped<ListStaff.Handler>();
        services.AddScoped<AuditLog>();
        services.AddScoped<ReadAuditLog.Handler>();
        services.AddScoped<ListStories.Handler>();
        services.AddScoped<ReadStoryEditor.Handler>();
        services.AddScoped<ReadStoryChoices.Handler>();
        services.AddScoped<SuggestSlug.Handler>();
        services.AddScoped<EditStory.Handler>();
        services.AddScoped<ReadRevisions.Handler>();
        services.AddScoped<AddCorrection.Handler>();
        services.AddScoped<PublishScheduledArticles.Handler>();
        services.AddScoped<TranslateArticle.Handler>();
        services.AddScoped<MarkTranslationUpToDate.Handler>();

        services.AddSingleton<ArticleBodyRenderer>();
        services.AddScoped<ReadArticle.Handler>();
        services.AddScoped<ReadFrontPage.Handler>();
        services.AddScoped<ReadSection.Handler>();
        services.AddScoped<ListSections.Handler>();
        services.AddScoped<ReadAuthor.Handler>();
        services.AddScoped<DemoSeeder>();

        services.AddSingleton<InstallationKeys>();
        services.AddSingleton<SuppressionList>();
        services.AddScoped<ReadPolls.Handler>();
        services.AddScoped<ReadPollResults.Handler>();
        services.AddScoped<CastVote.Handler>();
        services.AddSingleton<VoteFormTokens>();
        services.AddScoped<EditPoll.Handler>();
        services.AddScoped<PollAdministration.Handler>();

        services.AddSingleton<SubscriptionTokens>();
        services.AddSingleton<ConfirmationThrottle>();
        services.AddScoped<RequestSubscription.Handler>();
        services.AddScoped<ManageSubscription.Handler>();
        services.AddScoped<ImportSubscribers.Handler>();
        services.AddScoped<SubscriberAdministration.Handler>();
        services.AddScoped<SubscriberSignIn.Handler>();
        services.AddScoped<SubscriberAccount.Handler>();

        services.AddSingleton<MailOutboxSignal>();
        services.AddScoped<MailOutbox>();
        services.AddSingleton<MailOutboxSender>();
        services.AddSingleton<IMailTransport>(NewTransport);
        // Newsletter senders open several connections of their own: each call makes a new one.
        services.AddSingleton<Func<IMailTransport>>(provider => () => NewTransport(provider));
        services.AddSingleton<EditionMail>();
        services.AddScoped<StartEdition.Handler>();
        services.AddScoped<DueEditions.Handler>();
        services.AddScoped<ComposeEdition.Handler>();
        services.AddScoped<ListEditions.Handler>();
        services.AddScoped<ReadEdition.Handler>();
        services.AddScoped<ReadEditionChoices.Handler>();
        services.AddScoped<LatestFromSection.Handler>();
        services.AddScoped<PreviewEdition.Handler>();
        services.AddScoped<SendEditionTest.Handler>();
        services.AddScoped<ListNewsletters.Handler>();
        services.AddScoped<EditionArchive.Handler>();
        services.AddScoped<ReadFeed.Handler>();
        services.AddScoped<ReadSitemap.Handler>();
        services.AddScoped<SearchArticles.Handler>();
        services.AddScoped<ISearchIndex>(provider =>
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres
                ? ActivatorUtilities.CreateInstance<PostgresSearchIndex>(provider)
                : ActivatorUtilities.CreateInstance<SqliteSearchIndex>(provider));
        services.AddScoped<Api.ApiKeys.Handler>();
        services.AddScoped<Api.ReadStories.Handler>();
        services.AddScoped<Wire.ImportWire.Handler>();
        services.AddScoped<SubscribeFromForm.Handler>();
        services.AddSingleton<EditionSender>();
        return services;
    }

    /// <summary>SMTP when a relay is configured, otherwise the pickup directory.</summary>
    private static IMailTransport NewTransport(IServiceProvider provider) =>
        string.IsNullOrWhiteSpace(provider.GetRequiredService<IOptions<MailOptions>>().Value.Smtp.Host)
            ? ActivatorUtilities.CreateInstance<PickupDirectoryMailTransport>(provider)
            : ActivatorUtilities.CreateInstance<SmtpMailTransport>(provider);
}
