using Gaceta.Site;
using Microsoft.Extensions.Options;

namespace Gaceta.Web.Features.Shared;

/// <summary>Absolute addresses for links that leave the page: canonical, hreflang, feeds, mails.</summary>
public sealed class SiteUrls(IOptions<SiteOptions> options)
{
    private readonly Uri _base = options.Value.PublicUrl;

    public string Absolute(string path) => new Uri(_base, path).AbsoluteUri;
}
