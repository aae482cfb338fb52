using System.Net;
using Gaceta.Mail;
using Gaceta.Site;
using Gaceta.Subscribers;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace Gaceta.Web.Features.Subscriptions;

/// <summary>The subscription flow's mails: multipart HTML and text, in the subscriber's language, with both unsubscribe headers.</summary>
internal sealed class SubscriptionMails(
    IOptions<MailOptions> mail,
    IOptions<SiteOptions> site,
    IOptions<SubscriptionOptions> subscriptions,
    SiteUrls urls,
    SiteLanguages languages,
    InterfaceText text) : ISubscriptionMails
{
    public MimeMessage Confirmation(ConfirmationMail request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = languages.Find(request.Language) ?? languages.Default;
        var culture = language.Culture;
        string T(string key) => text.In(culture, key);
        var newsletter = request.NewsletterNames.GetValueOrDefault(language.Code) ?? request.NewsletterNames.Values.FirstOrDefault() ?? site.Value.Name;
        var confirmUrl = urls.Absolute(SubscriptionPaths.Confirm(request.ConfirmToken));
        var unsubscribeUrl = urls.Absolute(SubscriptionPaths.Unsubscribe(request.UnsubscribeToken));
        var days = subscriptions.Value.ConfirmationLinkDays;

        var intro = string.Format(culture, T("Someone, we hope you, asked to receive {0} at this address."), newsletter);
        var action = T("To confirm, open this link and press the button on the page:");
        var expiry = string.Format(culture, T("The link works for {0} days. If you did not ask for this, ignore this message: nothing else will be sent to you."), days);
        var leave = T("Unsubscribe at any time:");

        var message = NewMessage(request.Email, string.Format(culture, T("Confirm your subscription to {0}"), newsletter), request.UnsubscribeToken);
        var body = new BodyBuilder
        {
            TextBody = $"{intro}\n\n{action}\n{confirmUrl}\n\n{expiry}\n\n{leave} {unsubscribeUrl}\n\n{site.Value.Name}\n",
            HtmlBody = $"""
                <!DOCTYPE html>
                <html lang="{language.Code}"><head><meta charset="utf-8"><title>{Encode(newsletter)}</title></head>
                <body style="margin:0;padding:24px;font-family:Georgia,serif;color:#1a1a1a;background:#ffffff;">
                <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;">
                <tr><td style="font-size:24px;font-weight:bold;padding-bottom:16px;">{Encode(site.Value.Name)}</td></tr>
                <tr><td style="font-size:16px;line-height:1.5;padding-bottom:16px;">{Encode(intro)}</td></tr>
                <tr><td style="font-size:16px;line-height:1.5;padding-bottom:16px;">{Encode(action)}<br>
                <a href="{Encode(confirmUrl)}" style="color:#9b1c1c;">{Encode(confirmUrl)}</a></td></tr>
                <tr><td style="font-size:14px;line-height:1.5;color:#4d4d4d;padding-bottom:16px;">{Encode(expiry)}</td></tr>
                <tr><td style="font-size:14px;line-height:1.5;color:#4d4d4d;">{Encode(leave)} <a href="{Encode(unsubscribeUrl)}" style="color:#9b1c1c;">{Encode(unsubscribeUrl)}</a></td></tr>
                </table>
                </body></html>
                """,
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    private MimeMessage NewMessage(string to, string subject, string unsubscribeToken)
    {
        var from = MailboxAddress.Parse(mail.Value.From);
        var message = new MimeMessage { Subject = subject };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = MimeUtils.GenerateMessageId(from.Domain);
        var oneClick = urls.Absolute(SubscriptionPaths.Unsubscribe(unsubscribeToken));
        var mailto = $"mailto:{mail.Value.UnsubscribeMailbox}?subject={Uri.EscapeDataString("unsubscribe " + unsubscribeToken)}";
        message.Headers.Add(HeaderId.ListUnsubscribe, $"<{oneClick}>, <{mailto}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return message;
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
