using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gaceta.Mail;

/// <summary>
/// The embedded default when no SMTP relay is configured: each message becomes an <c>.eml</c> file, so the demo
/// works offline and a developer can open what would have been sent. Each file's name carries a tag of its
/// recipient (<see cref="RecipientTag"/>), so erasing a subscriber also removes the files written to them.
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
        var recipient = message.To.Mailboxes.FirstOrDefault()?.Address ?? string.Empty;
        var file = Path.Combine(_directory, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{RecipientTag(recipient)}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(file, cancellationToken);
        // The address stays out of the log at this level; the file holds it.
        LogWritten(file);
    }

    /// <summary>Removes every file written to <paramref name="email"/>; returns how many went.</summary>
    public static int Forget(MailOptions options, string email)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directory = Path.GetFullPath(options.PickupDirectory);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var files = Directory.GetFiles(directory, $"*-{RecipientTag(email)}-*.eml");
        foreach (var file in files)
        {
            File.Delete(file);
        }

        return files.Length;
    }

    /// <summary>
    /// A short digest of the canonical address: enough to find a recipient's files, nothing the directory (whose
    /// files hold the addresses anyway) would not already tell.
    /// </summary>
    public static string RecipientTag(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EmailAddress.Key(email))))[..16];

    [LoggerMessage(Level = LogLevel.Information, Message = "A message was written to {File}")]
    private partial void LogWritten(string file);
}
