using System.Globalization;
using System.Text;
using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Site;
using Gaceta.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;

namespace Gaceta.Newsletters;

/// <summary>What an edition says, in every language it can be read in.</summary>
public sealed record EditionContent(
    int Id,
    string NewsletterKey,
    IReadOnlyDictionary<string, string> NewsletterNames,
    IReadOnlyDictionary<string, EditionText> Texts,
    IReadOnlyList<EditionContent.Item> Stories)
{
    /// <summary>A story's published versions, by language.</summary>
    public sealed record Item(int StoryId, IReadOnlyDictionary<string, Link> Articles)
    {
        /// <summary>The story in <paramref name="language"/>, or else in the first site language it exists in.</summary>
        public Link In(string language, SiteLanguages languages)
        {
            ArgumentNullException.ThrowIfNull(languages);
            return Articles.GetValueOrDefault(language)
                ?? languages.All.Select(l => Articles.GetValueOrDefault(l.Code)).First(a => a is not null)!;
        }
    }

    /// <param name="Photo">The story's library photo as mail shows it, when it has one described in this language.</param>
    public sealed record Link(string Language, string Headline, string Standfirst, string Path, MailPhoto? Photo = null);

    /// <summary>A photo in a mail: the newsletter-width copy, its height at that width, and its alternative text.</summary>
    public sealed record MailPhoto(string Path, int Height, string Alt);

    /// <summary>How wide a photo is laid out in a mail: the 600-pixel column less its padding.</summary>
    public const int MailPhotoWidth = 552;

    public static async Task<EditionContent?> LoadAsync(GacetaDb db, int editionId, DateTime utcNow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var edition = await db.Editions.AsNoTracking().Include(e => e.Newsletter).Include(e => e.Stories)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == editionId, cancellationToken);
        if (edition is null)
        {
            return null;
        }

        var storyIds = edition.Stories.Select(s => s.StoryId).ToList();
        var articles = await db.Articles.AsNoTracking()
            .VisibleAt(utcNow).Where(a => storyIds.Contains(a.StoryId))
            .Select(a => new
            {
                a.StoryId,
                a.Language,
                a.Headline,
                a.Standfirst,
                a.Slug,
                PublishedAt = a.PublishedAt!.Value,
                a.LeadImageAlt,
                Photo = a.Story.LeadMedia == null ? null : new
                {
                    a.Story.LeadMedia.Hash,
                    a.Story.LeadMedia.Width,
                    a.Story.LeadMedia.Height,
                    // Every language's text, chosen below: a correlated pick would need APPLY, which SQLite lacks.
                    Texts = a.Story.LeadMedia.Texts.Select(t => new { t.Language, t.Alt }).ToList(),
                },
            })
            .ToListAsync(cancellationToken);
        // Mail shows library photos only, described by the same rule as the reader pages.
        MailPhoto? PhotoOf(string? articleAlt, string? hash, int width, int height, string? libraryAlt) =>
            hash is null || LeadImages.Choose(new LibraryPhoto(hash, width, height, 0.5, 0.5), libraryAlt, null, articleAlt, null, null) is not { } image
                ? null
                : new MailPhoto(
                    Media.MediaVariants.Path(hash, Media.MediaVariants.NewsletterWidth, Media.VariantFormat.Jpeg),
                    Math.Max(1, (int)Math.Round((double)height * Math.Min(width, MailPhotoWidth) / width)),
                    image.Alt);
        var items = edition.Stories.OrderBy(s => s.Position)
            .Select(s => new Item(s.StoryId, articles.Where(a => a.StoryId == s.StoryId)
                .ToDictionary(a => a.Language, a => new Link(
                    a.Language,
                    a.Headline,
                    a.Standfirst,
                    ArticlePaths.Article(a.Language, a.PublishedAt, a.Slug),
                    PhotoOf(a.LeadImageAlt, a.Photo?.Hash, a.Photo?.Width ?? 1, a.Photo?.Height ?? 1, a.Photo?.Texts.Find(t => t.Language == a.Language)?.Alt)))))
            .Where(i => i.Articles.Count > 0)
            .ToList();
        return new EditionContent(
            edition.Id,
            edition.Newsletter.Key,
            edition.Newsletter.Names.ToDictionary(n => n.Language, n => n.Name),
            edition.Texts.ToDictionary(t => t.Language),
            items);
    }
}

/// <summary>An edition rendered in one language, with a marker where each recipient's unsubscribe address goes.</summary>
public sealed record EditionTemplate(int EditionId, string Language, string ListId, string Subject, string Html, string Text)
{
    public const string UnsubscribeMarker = "%%UNSUBSCRIBE%%";
}

/// <summary>
/// Turns an edition into mail: multipart HTML (tables and inline styles, no scripts) and plain text, in the
/// recipient's language, with a story missing in that language given in another with a note. Each copy carries
/// both List-Unsubscribe forms, List-Unsubscribe-Post, List-Id, its own Message-ID, a visible unsubscribe link
/// and the publisher's postal address; with a DKIM key, it is signed over those headers too.
/// </summary>
public sealed class EditionMail(IOptions<MailOptions> mail, IOptions<SiteOptions> site, SiteLanguages languages, ArticleBodyRenderer renderer, SubscriptionTokens tokens)
{
    private static readonly HeaderId[] SignedHeaders =
    [
        HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId,
        HeaderId.ListId, HeaderId.ListUnsubscribe, HeaderId.ListUnsubscribePost,
    ];

    private readonly Lazy<DkimSigner?> _signer = new(() => CreateSigner(mail.Value.Dkim));

    public EditionTemplate Render(EditionContent content, string language)
    {
        ArgumentNullException.ThrowIfNull(content);
        var lang = languages.Find(language) ?? languages.Default;
        string W(string key) => EditionWords.In(lang.Code, key);
        var newsletter = content.NewsletterNames.GetValueOrDefault(lang.Code) ?? content.NewsletterNames.Values.FirstOrDefault() ?? content.NewsletterKey;
        var texts = content.Texts.GetValueOrDefault(lang.Code) ?? content.Texts.Values.FirstOrDefault();
        var subject = texts?.Subject ?? newsletter;
        var intro = texts?.Intro ?? string.Empty;
        var baseUrl = site.Value.PublicUrl;

        var html = new StringBuilder();
        var text = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{lang.Code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{E(subject)}</title></head>
            <body style="margin:0;padding:0;background:#f4f4f4;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f4;"><tr><td align="center" style="padding:24px 12px;">
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;font-family:Georgia,'Times New Roman',serif;color:#1a1a1a;">
            <tr><td style="padding:24px 24px 8px;font-size:14px;letter-spacing:1px;text-transform:uppercase;color:#9b1c1c;">{E(site.Value.Name)} · {E(newsletter)}</td></tr>
            <tr><td style="padding:0 24px 16px;font-size:26px;line-height:1.25;font-weight:bold;">{E(subject)}</td></tr>
            """);
        text.Append(CultureInfo.InvariantCulture, $"{site.Value.Name} · {newsletter}\n\n{subject}\n\n");
        if (intro.Length > 0)
        {
            var introHtml = string.Concat(renderer.ToBlocks(intro).Select(b => b.Html));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"padding:0 24px 16px;font-size:16px;line-height:1.5;\">{introHtml}</td></tr>\n");
            text.Append(renderer.ToPlainText(intro)).Append("\n\n");
        }

        foreach (var story in content.Stories)
        {
            var article = story.In(lang.Code, languages);
            var url = new Uri(baseUrl, article.Path).AbsoluteUri;
            var fallback = article.Language == lang.Code ? null : string.Format(lang.Culture, W(EditionWords.OnlyIn), languages.Get(article.Language).NativeName);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"padding:16px 24px;border-top:1px solid #d6d6d6;\">");
            if (fallback is not null)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:0 0 8px;font-size:13px;color:#4d4d4d;font-style:italic;\">{E(fallback)}</p>");
            }

            if (article.Photo is { } photo)
            {
                html.Append(CultureInfo.InvariantCulture, $"""<a href="{E(url)}"><img src="{E(new Uri(baseUrl, photo.Path).AbsoluteUri)}" width="{EditionContent.MailPhotoWidth}" height="{photo.Height}" alt="{E(photo.Alt)}" lang="{article.Language}" style="display:block;width:100%;max-width:{EditionContent.MailPhotoWidth}px;height:auto;border:0;margin:0 0 12px;"></a>""");
            }

            html.Append(CultureInfo.InvariantCulture, $"""
                <p style="margin:0 0 8px;font-size:20px;line-height:1.3;font-weight:bold;" lang="{article.Language}"><a href="{E(url)}" style="color:#1a1a1a;text-decoration:none;">{E(article.Headline)}</a></p>
                <p style="margin:0 0 8px;font-size:16px;line-height:1.5;" lang="{article.Language}">{E(article.Standfirst)}</p>
                <p style="margin:0;font-size:15px;"><a href="{E(url)}" style="color:#9b1c1c;">{E(W(EditionWords.ReadMore))}</a></p>
                </td></tr>
                """);
            text.Append(CultureInfo.InvariantCulture, $"{(fallback is null ? string.Empty : $"({fallback})\n")}{article.Headline}\n{article.Standfirst}\n{W(EditionWords.ReadMore)}: {url}\n\n");
        }

        var why = string.Format(lang.Culture, W(EditionWords.WhyYouGetThis), newsletter);
        var postal = mail.Value.PostalAddress;
        html.Append(CultureInfo.InvariantCulture, $"""
            <tr><td style="padding:16px 24px 24px;border-top:1px solid #d6d6d6;font-size:13px;line-height:1.5;color:#4d4d4d;">
            {E(why)} <a href="{EditionTemplate.UnsubscribeMarker}" style="color:#9b1c1c;">{E(W(EditionWords.Unsubscribe))}</a><br>{E(postal)}
            </td></tr>
            </table></td></tr></table>
            </body></html>
            """);
        text.Append(CultureInfo.InvariantCulture, $"--\n{why}\n{W(EditionWords.Unsubscribe)}: {EditionTemplate.UnsubscribeMarker}\n{postal}\n");

        var listId = $"{newsletter} <{content.NewsletterKey}.{baseUrl.Host}>";
        return new EditionTemplate(content.Id, lang.Code, listId, subject, html.ToString(), text.ToString());
    }

    /// <summary>One recipient's copy: their unsubscribe links, a Message-ID unique to the delivery, signed when configured.</summary>
    public MimeMessage Compose(EditionTemplate template, long deliveryId, int subscriptionId, string email)
    {
        ArgumentNullException.ThrowIfNull(template);
        var token = tokens.Unsubscribe(subscriptionId);
        var oneClick = new Uri(site.Value.PublicUrl, SubscriptionPaths.Unsubscribe(token)).AbsoluteUri;
        var from = MailboxAddress.Parse(mail.Value.From);
        var message = new MimeMessage { Subject = template.Subject };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(email));
        message.MessageId = string.Create(CultureInfo.InvariantCulture, $"edition-{template.EditionId}.delivery-{deliveryId}.{Guid.NewGuid():N}@{from.Domain}");
        message.Headers.Add(HeaderId.ListId, template.ListId);
        ListUnsubscribe.AddHeaders(message, oneClick);
        message.Body = new BodyBuilder
        {
            TextBody = template.Text.Replace(EditionTemplate.UnsubscribeMarker, oneClick, StringComparison.Ordinal),
            HtmlBody = template.Html.Replace(EditionTemplate.UnsubscribeMarker, E(oneClick), StringComparison.Ordinal),
        }.ToMessageBody();

        if (_signer.Value is { } signer)
        {
            message.Prepare(EncodingConstraint.SevenBit);
            signer.Sign(message, SignedHeaders);
        }

        return message;
    }

    private static DkimSigner? CreateSigner(DkimOptions dkim) =>
        !dkim.Enabled ? null : new DkimSigner(dkim.PrivateKeyPath!, dkim.Domain!, dkim.Selector)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            SignatureAlgorithm = DkimSignatureAlgorithm.RsaSha256,
        };

    /// <summary>Escapes markup characters only: accented letters stay as they are (the mail is UTF-8).</summary>
    private static string E(string value) => Html.Encode(value);

    private static readonly System.Text.Encodings.Web.HtmlEncoder Html = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
}
