using Gaceta.Site;
using Gaceta.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Localization;

namespace Gaceta.Web.Infrastructure.Localization;

/// <summary>
/// The reader's language is the first segment of the address (<c>/es/…</c>). For an error page shown in
/// place of another address, that original address decides, so a missing Spanish article gets a Spanish 404.
/// </summary>
internal sealed class PathLanguageCultureProvider(SiteLanguages languages) : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var path = httpContext.RequestedPath().Value;
        var language = languages.Find(FirstSegment(path));
        return Task.FromResult(language is null ? null : new ProviderCultureResult(language.Culture.Name));
    }

    internal static string? FirstSegment(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var trimmed = path.AsSpan().TrimStart('/');
        var end = trimmed.IndexOf('/');
        var segment = end < 0 ? trimmed : trimmed[..end];
        return segment.IsEmpty ? null : segment.ToString();
    }
}
