using System.ComponentModel.DataAnnotations;

namespace Gaceta.Site;

/// <summary>
/// What every part of Gaceta needs to know about the publication itself. Bound from the <c>Site</c> section.
/// </summary>
public sealed class SiteOptions
{
    public const string SectionName = "Site";

    /// <summary>Name shown in the masthead, titles and feeds.</summary>
    [Required]
    public string Name { get; set; } = "Gaceta";

    /// <summary>
    /// Absolute base address readers use (for example <c>https://news.example.org</c>). Canonical links,
    /// hreflang alternates, feeds, sitemaps and mails are built from it, never from the request's Host header.
    /// </summary>
    [Required]
    public Uri PublicUrl { get; set; } = new("http://localhost:5080");

    /// <summary>Whether readers reach the site over TLS: then cookies are Secure and browsers are told HSTS.</summary>
    public bool IsHttps => PublicUrl.IsAbsoluteUri && PublicUrl.Scheme == Uri.UriSchemeHttps;

    /// <summary>
    /// Language codes the publication is written in, default language first (for example <c>en</c>, <c>es</c>).
    /// Each becomes a URL prefix and a request culture.
    /// </summary>
    [MinLength(1)]
    public List<string> Languages { get; set; } = [];

    /// <summary>IANA time zone the newsroom dates its stories in (for example <c>Europe/Madrid</c>).</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";
}
