using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gaceta.Mail;

/// <summary>Outgoing mail: the outbox, its sender, and the transport (SMTP or a pickup directory); settings <c>Mail</c>.</summary>
public static class MailModule
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MailOptions>(configuration, MailOptions.SectionName)
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Mail:From is not a mail address.")
            .Validate(
                o => o.Smtp.Security is { } security && Array.Exists(SmtpOptions.SecurityModes, m => string.Equals(m, security, StringComparison.OrdinalIgnoreCase)),
                "Mail:Smtp:Security must be StartTls, SslOnConnect, Auto or None.");
        services.AddSingleton<MailOutboxSignal>();
        services.AddScoped<MailOutbox>();
        services.AddSingleton<MailOutboxSender>();
        services.AddSingleton<IMailTransport>(NewTransport);
        // Newsletter senders open several connections of their own: each call makes a new one.
        services.AddSingleton<Func<IMailTransport>>(provider => () => NewTransport(provider));
        return services;
    }

    /// <summary>SMTP when a relay is configured, otherwise the pickup directory.</summary>
    private static IMailTransport NewTransport(IServiceProvider provider) =>
        string.IsNullOrWhiteSpace(provider.GetRequiredService<IOptions<MailOptions>>().Value.Smtp.Host)
            ? ActivatorUtilities.CreateInstance<PickupDirectoryMailTransport>(provider)
            : ActivatorUtilities.CreateInstance<SmtpMailTransport>(provider);
}
