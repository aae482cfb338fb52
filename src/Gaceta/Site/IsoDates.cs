using System.Globalization;

namespace Gaceta.Site;

/// <summary>UTC times in the machine-readable form (<c>2026-12-02T08:30:00Z</c>): HTML, feeds, sitemaps, JSON-LD, ninjs, CSV.</summary>
public static class IsoDates
{
    public static string Of(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
