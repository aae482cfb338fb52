using System.Globalization;

namespace Gaceta.Web.Features.Polls;

/// <summary>
/// Remembers in the browser which polls it answered, so the page's script shows results instead of the form.
/// It is set only by the vote response; cached pages never set or read it on the server.
/// </summary>
internal static class VotedCookie
{
    public const string Name = "gaceta_voted";

    /// <summary>Over https the name carries the <c>__Host-</c> prefix: Secure, path /, this host only.</summary>
    public const string SecureName = "__Host-" + Name;

    public static void Remember(HttpContext context, int pollId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var secure = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Gaceta.Site.SiteOptions>>().Value.IsHttps;
        var name = secure ? SecureName : Name;
        var ids = (context.Request.Cookies[name] ?? string.Empty)
            .Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Append(pollId.ToString(CultureInfo.InvariantCulture))
            .Distinct()
            .TakeLast(50);
        context.Response.Cookies.Append(name, string.Join('.', ids), new CookieOptions
        {
            Path = "/",
            MaxAge = TimeSpan.FromDays(365),
            SameSite = SameSiteMode.Lax,
            Secure = secure || context.Request.IsHttps,
            // The enhancing script reads it; it holds nothing but poll ids.
            HttpOnly = false,
            IsEssential = true,
        });
    }
}
