using System.Net;
using Gaceta.Mail;
using Gaceta.Site;
using Gaceta.Subscribers;
using Gaceta.Web.Features.Shared;
using Gaceta.Web.Infrastructure.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace Gaceta.Web.Features.Subscribers;

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
        var (language, culture, T, newsletter) = Words(request.Language, request.NewsletterNames);
        var confirmUrl = urls.Absolute(SubscriptionPaths.Confirm(request.ConfirmToken));
        var unsubscribeUrl = urls.Absolute(SubscriptionPaths.Unsubscribe(request.UnsubscribeToken));
        var days = subscriptions.Value.ConfirmationLinkDays;

        var intro = string.Format(culture, T("Someone, we hope you, asked to receive {0} at this address."), newsletter);
        var action = T("To confirm, open this link and press the button on the page:");
        var expiry = string.Format(culture, T("The link works for {0} days. If you did not ask for this, ignore this message: nothing else will be sent to you."), days);
        var leave = T("Unsubscribe at any time:");

        var message = NewMessage(request.Email, string.Format(culture, T("Confirm your subscription to {0}"), newsletter), request.UnsubscribeToken);
        message.Body = Body(language, newsletter, intro, action, confirmUrl, expiry, (leave, unsubscribeUrl));
        return message;
    }

    /// <summary>
    /// Someone asked for a newsletter this address already receives. The form said only "check your inbox", so
    /// whether the address subscribes is told to its owner alone.
    /// </summary>
    public MimeMessage AlreadySubscribed(AlreadySubscribedMail request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (language, culture, T, newsletter) = Words(request.Language, request.NewsletterNames);
        var intro = string.Format(culture, T("Someone, we hope you, asked to receive {0} at this address. This address already receives it, so there is nothing to confirm."), newsletter);
        var action = T("To change your newsletters or read past editions, sign in here:");
        var expiry = T("If you did not ask for this, ignore this message: nothing has changed.");
        var leave = T("Unsubscribe at any time:");

        var message = NewMessage(request.Email, string.Format(culture, T("You already receive {0}"), newsletter), request.UnsubscribeToken);
        message.Body = Body(language, newsletter, intro, action, urls.Absolute(SubscriberArea.SignInPath(language.Code)), expiry, (leave, urls.Absolute(SubscriptionPaths.Unsubscribe(request.UnsubscribeToken))));
        return message;
    }

    /// <summary>A transactional mail: it goes to one person who asked for it, so it carries no list headers.</summary>
    public MimeMessage SignIn(SignInMail request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = languages.Find(request.Language) ?? languages.Default;
        var culture = language.Culture;
        string T(string key) => text.In(culture, key);
        var signInUrl = urls.Absolute(SubscriptionPaths.SignIn(request.Token));
        var intro = string.Format(culture, T("Someone, we hope you, asked to sign in to {0} as this address, to manage newsletters and read past editions."), site.Value.Name);
        var action = T("To sign in, open this link and press the button on the page:");
        var expiry = string.Format(culture, T("The link works once, for {0} minutes. If you did not ask for it, ignore this message."), request.ValidMinutes);

        var message = NewMessage(request.Email, string.Format(culture, T("Your link to sign in to {0}"), site.Value.Name));
        message.Body = Body(language, site.Value.Name, intro, action, signInUrl, expiry, null);
        return message;
    }

    /// <summary>The subscriber's language, its culture, its interface text and the newsletter's name in it.</summary>
    private (SiteLanguage Language, System.Globalization.CultureInfo Culture, Func<string, string> T, string Newsletter) Words(
        string languageCode, IReadOnlyDictionary<string, string> newsletterNames)
    {
        var language = languages.Find(languageCode) ?? languages.Default;
        var culture = language.Culture;
        var newsletter = newsletterNames.GetValueOrDefault(language.Code) ?? newsletterNames.Values.FirstOrDefault() ?? site.Value.Name;
        return (language, culture, key => text.In(culture, key), newsletter);
    }

    /// <summary>
    /// A one-action mail: what happened, the link to act on, how long it works, and for list mail the way out.
    /// HTML with tables and inline styles, and the same words as plain text.
    /// </summary>
    private MimeEntity Body(SiteLanguage language, string title, string intro, string action, string url, string expiry, (string Label, string Url)? leave)
    {
        var leaveText = leave is { } l ? $"{l.Label} {l.Url}\n\n" : string.Empty;
        var leaveHtml = leave is { } h
            ? $"<tr><td style=\"font-size:14px;line-height:1.5;color:#4d4d4d;\">{Encode(h.Label)} <a href=\"{Encode(h.Url)}\" style=\"color:#9b1c1c;\">{Encode(h.Url)}</a></td></tr>"
            : string.Empty;
        return new BodyBuilder
        {
            TextBody = $"{intro}\n\n{action}\n{url}\n\n{expiry}\n\n{leaveText}{site.Value.Name}\n",
            HtmlBody = $"""
                <!DOCTYPE html>
                <html lang="{language.Code}"><head><meta charset="utf-8"><title>{Encode(title)}</title></head>
                <body style="margin:0;padding:24px;font-family:Georgia,serif;color:#1a1a1a;background:#ffffff;">
                <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;">
                <tr><td style="font-size:24px;font-weight:bold;padding-bottom:16px;">{Encode(site.Value.Name)}</td></tr>
                <tr><td style="font-size:16px;line-height:1.5;padding-bottom:16px;">{Encode(intro)}</td></tr>
                <tr><td style="font-size:16px;line-height:1.5;padding-bottom:16px;">{Encode(action)}<br>
                <a href="{Encode(url)}" style="color:#9b1c1c;">{Encode(url)}</a></td></tr>
                <tr><td style="font-size:14px;line-height:1.5;color:#4d4d4d;padding-bottom:16px;">{Encode(expiry)}</td></tr>
                {leaveHtml}
                </table>
                </body></html>
                """,
        }.ToMessageBody();
    }

    private MimeMessage NewMessage(string to, string subject, string unsubscribeToken)
    {
        var message = NewMessage(to, subject);
        ListUnsubscribe.AddHeaders(message, urls.Absolute(SubscriptionPaths.Unsubscribe(unsubscribeToken)));
        return message;
    }

    private MimeMessage NewMessage(string to, string subject)
    {
        var from = MailboxAddress.Parse(mail.Value.From);
        var message = new MimeMessage { Subject = subject };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));
        message.MessageId = MimeUtils.GenerateMessageId(from.Domain);
        return message;
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
