using System.Globalization;

namespace Gaceta.Web.Features.Polls;

/// <summary>
/// Remembers in the browser which polls it answered, so the page's script shows results instead of the form.
/// It is set only by the vote response; cached pages never set or read it on the server.
/// </summary>
internal static class VotedCookie
{
    public const string Name = "gaceta_voted";

    public static void Remember(HttpContext context, int pollId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ids = (context.Request.Cookies[Name] ?? string.Empty)
            .Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Append(pollId.ToString(CultureInfo.InvariantCulture))
            .Distinct()
            .TakeLast(50);
        context.Response.Cookies.Append(Name, string.Join('.', ids), new CookieOptions
        {
            Path = "/",
            MaxAge = TimeSpan.FromDays(365),
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            // The enhancing script reads it; it holds nothing but poll ids.
            HttpOnly = false,
            IsEssential = true,
        });
    }
}
