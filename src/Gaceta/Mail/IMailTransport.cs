using MimeKit;

namespace Gaceta.Mail;

/// <summary>Hands one finished message to the outside world.</summary>
public interface IMailTransport
{
    /// <exception cref="MailDeliveryException">The message was not accepted.</exception>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>A message was refused; <see cref="IsPermanent"/> says whether trying again can help.</summary>
public sealed class MailDeliveryException(string message, bool isPermanent, Exception? inner = null) : Exception(message, inner)
{
    public bool IsPermanent { get; } = isPermanent;
}
