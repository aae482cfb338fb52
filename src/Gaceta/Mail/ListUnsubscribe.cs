using MimeKit;

namespace Gaceta.Mail;

/// <summary>
/// The unsubscribe headers of every list mail: the https address and RFC 8058's one-click POST. No <c>mailto:</c>
/// address is offered, since Gaceta does not read inbound mail; RFC 8058 needs only the https one.
/// </summary>
public static class ListUnsubscribe
{
    public static void AddHeaders(MimeMessage message, string oneClickUrl)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Headers.Add(HeaderId.ListUnsubscribe, $"<{oneClickUrl}>");
        message.Headers.Add(HeaderId.ListUnsubscribePost, "List-Unsubscribe=One-Click");
    }
}
