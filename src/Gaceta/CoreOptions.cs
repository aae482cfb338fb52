using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Newsletters;
using Gaceta.Site;
using Gaceta.Staff;
using Gaceta.Subscribers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta;

/// <summary>
/// Binds and validates the core's settings from configuration (files, environment such as
/// <c>Database__Provider</c>, command line). The web host and the command line both call it, so both refuse the
/// same wrong settings with the same words.
/// </summary>
public static class CoreOptions
{
    public static IServiceCollection AddCoreOptions(this IServiceCollection services, IConfiguration configuration)
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

        services.AddOptions<StaffOptions>()
            .Bind(configuration.GetSection(StaffOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.TwoFactorRolesAreKnown, "Staff:TwoFactorRoles must list roles (Administrator, Editor, Reporter, Translator), or none.")
            .ValidateOnStart();

        return services;
    }
}
