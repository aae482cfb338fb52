using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gaceta.Mail;

/// <summary>
/// The embedded default when no SMTP relay is configured: each message becomes an <c>.eml</c> file, so the demo
/// works offline and a developer can open what would have been sent.
/// </summary>
public sealed partial class PickupDirectoryMailTransport(
    IOptions<MailOptions> options,
    TimeProvider time,
    ILogger<PickupDirectoryMailTransport> logger) : IMailTransport
{
    private readonly string _directory = Path.GetFullPath(options.Value.PickupDirectory);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(file, cancellationToken);
        var recipients = message.To.ToString();
        LogWritten(recipients, file);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail to {Recipients} written to {File}")]
    private partial void LogWritten(string recipients, string file);
}
