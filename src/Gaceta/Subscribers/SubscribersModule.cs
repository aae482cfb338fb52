using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Subscribers;

/// <summary>Subscribers: subscribing with consent, their account, sign-in links, and their administration; settings <c>Subscriptions</c>.</summary>
public static class SubscribersModule
{
    public static IServiceCollection AddSubscribers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SubscriptionOptions>(configuration, SubscriptionOptions.SectionName);
        services.AddSingleton<SubscriptionTokens>();
        services.AddSingleton<ConfirmationThrottle>();
        services.AddScoped<FindSubscriber.Handler>();
        services.AddScoped<RequestSubscription.Handler>();
        services.AddScoped<ConfirmationMailer>();
        services.AddScoped<SendRequestedConfirmations.Handler>();
        services.AddScoped<SubscribeFromForm.Handler>();
        services.AddScoped<ReadSubscriptionByToken.Handler>();
        services.AddScoped<ReadTokenLanguage.Handler>();
        services.AddScoped<ConfirmSubscription.Handler>();
        services.AddScoped<UnsubscribeByToken.Handler>();
        services.AddScoped<ImportSubscribers.Handler>();
        services.AddScoped<ListSubscribers.Handler>();
        services.AddScoped<ExportSubscribers.Handler>();
        services.AddScoped<ReadSubscriber.Handler>();
        services.AddScoped<ExportSubscriberData.Handler>();
        services.AddScoped<EraseSubscriber.Handler>();
        services.AddScoped<SetNewsletterAccess.Handler>();
        services.AddScoped<RequestSignInLink.Handler>();
        services.AddScoped<ReadSignInLinkLanguage.Handler>();
        services.AddScoped<ReadSignInLink.Handler>();
        services.AddScoped<RedeemSignInLink.Handler>();
        services.AddScoped<CheckSubscriberSession.Handler>();
        services.AddScoped<EndSubscriberSessions.Handler>();
        services.AddScoped<ReadSubscriberAccount.Handler>();
        services.AddScoped<SetSubscriberLanguage.Handler>();
        services.AddScoped<SubscribeFromAccount.Handler>();
        services.AddScoped<UnsubscribeFromAccount.Handler>();
        return services;
    }
}
