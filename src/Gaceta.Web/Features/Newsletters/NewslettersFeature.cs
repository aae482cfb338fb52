namespace Gaceta.Web.Features.Newsletters;

/// <summary>Newsletter editions in the web host: the background sender (idle when <c>Sending:InWebHost</c> is off).</summary>
internal static class NewslettersFeature
{
    public static IServiceCollection AddNewsletterSending(this IServiceCollection services)
    {
        services.AddHostedService<EditionSendingService>();
        return services;
    }
}
