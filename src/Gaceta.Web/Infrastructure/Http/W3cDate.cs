using System.Globalization;

namespace Gaceta.Web.Infrastructure.Http;

/// <summary>UTC times as W3C/RFC 3339 date-times (<c>2026-12-02T08:30:00Z</c>): Atom, sitemaps, JSON-LD, Open Graph.</summary>
internal static class W3cDate
{
    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
