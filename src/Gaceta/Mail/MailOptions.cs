using System.ComponentModel.DataAnnotations;

namespace Gaceta.Mail;

/// <summary>How Gaceta sends mail. Bound from <c>Mail</c>.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>The sender of every message, such as <c>Gaceta &lt;newsletters@news.example.org&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "Gaceta <newsletters@gaceta.localhost>";

    /// <summary>SMTP relay. When its host is empty, messages are written to <see cref="PickupDirectory"/> instead.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The publisher's postal address, printed at the foot of every newsletter (anti-spam laws ask for it).</summary>
    public string PostalAddress { get; set; } = "Gaceta, 1 Harbour Street, Costa Verdina";

    /// <summary>DKIM signing of newsletters; off while <see cref="DkimOptions.Domain"/> is empty.</summary>
    public DkimOptions Dkim { get; set; } = new();

    /// <summary>How long sent (and finally failed) messages stay in the outbox table before they are purged.</summary>
    [Range(1, 3650)]
    public int KeepSentDays { get; set; } = 30;

    /// <summary>Where messages go as <c>.eml</c> files when no SMTP host is configured.</summary>
    public string PickupDirectory { get; set; } = "data/mail";
}

/// <summary>An SMTP relay reached with MailKit.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>
    /// <c>StartTls</c> (the default: the relay must offer STARTTLS, or nothing is sent), <c>SslOnConnect</c>,
    /// <c>Auto</c> (STARTTLS when offered, plain otherwise) or <c>None</c> (plain, for a relay on the same machine).
    /// Anything but TLS has to be chosen explicitly.
    /// </summary>
    public string Security { get; set; } = "StartTls";

    /// <summary>The values <see cref="Security"/> may take.</summary>
    public static readonly string[] SecurityModes = ["StartTls", "SslOnConnect", "Auto", "None"];

    public string? Username { get; set; }

    /// <summary>From the environment or user-secrets only, never from a settings file in the repository.</summary>
    public string? Password { get; set; }
}

/// <summary>A DKIM key: the signing domain, the DNS selector and the private key (PEM) file.</summary>
public sealed class DkimOptions
{
    public string? Domain { get; set; }

    public string Selector { get; set; } = "gaceta";

    /// <summary>Path of the PEM private key; keep the file out of the repository.</summary>
    public string? PrivateKeyPath { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(PrivateKeyPath);
}
