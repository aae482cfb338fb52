using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Newsletters;
using Gaceta.Subscribers;
using Gaceta.Web.Features.Polls;
using Gaceta.Web.Features.Search;
using Gaceta.Web.Infrastructure.Network;
using Gaceta.Site;
using Gaceta.Web.Infrastructure.Caching;
using Gaceta.Web.Infrastructure.Database;

namespace Gaceta.Web.Infrastructure.Configuration;

internal static class GacetaOptionsSetup
{
    /// <summary>
    /// Binds every options class from configuration (files, environment such as <c>Database__Provider</c>,
    /// command line) and validates them when the host starts, so a bad setting stops the host at once.
    /// </summary>
    public static IServiceCollection AddGacetaOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiteOptions>()
            .Bind(configuration.GetSection(SiteOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.PublicUrl.IsAbsoluteUri, "Site:PublicUrl must be an absolute URL.")
            .Validate(o => o.Languages.Count > 0, "Site:Languages must name at least one language.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Site:TimeZone is not a known time zone.")
            .ValidateOnStart();

        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString("Gaceta") is { Length: > 0 } cs ? cs : o.ConnectionString)
            .ValidateDataAnnotations()
            .Validate(
                o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "ConnectionStrings:Gaceta is required when Database:Provider is Postgres.")
            .ValidateOnStart();

        services.AddOptions<ReaderCacheOptions>()
            .Bind(configuration.GetSection(ReaderCacheOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Mail:From is not a mail address.")
            .Validate(
                o => o.Smtp.Security is { } security && Array.Exists(SmtpOptions.SecurityModes, m => string.Equals(m, security, StringComparison.OrdinalIgnoreCase)),
                "Mail:Smtp:Security must be StartTls, SslOnConnect, Auto or None.")
            .ValidateOnStart();

        services.AddOptions<SubscriptionOptions>()
            .Bind(configuration.GetSection(SubscriptionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<SendingOptions>()
            .Bind(configuration.GetSection(SendingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<PollOptions>()
            .Bind(configuration.GetSection(PollOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<SearchOptions>()
            .Bind(configuration.GetSection(SearchOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<NetworkOptions>()
            .Bind(configuration.GetSection(NetworkOptions.SectionName))
            .Validate(
                o => o.TrustedProxies.All(p => p.Contains('/', StringComparison.Ordinal) ? System.Net.IPNetwork.TryParse(p, out _) : System.Net.IPAddress.TryParse(p, out _)),
                "Network:TrustedProxies must list IP addresses or networks such as 10.0.0.0/8.")
            .ValidateOnStart();

        services.AddOptions<Gaceta.Staff.StaffOptions>()
            .Bind(configuration.GetSection(Gaceta.Staff.StaffOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.TwoFactorRolesAreKnown, "Staff:TwoFactorRoles must list roles (Administrator, Editor, Reporter, Translator), or none.")
            .ValidateOnStart();

        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.SectionName));

        return services;
    }
}
