using System.Globalization;
using Gaceta.Site;

namespace Gaceta.Web.Features.Shared;

/// <summary>Dates as readers see them: in the newsroom's time zone, written the way the page's culture writes them.</summary>
public sealed class ReaderDates(SiteClock clock)
{
    /// <summary>"Sunday, November 29, 2026" / "domingo, 29 de noviembre de 2026".</summary>
    public string LongDate(DateTime utc) => clock.ToLocal(utc).ToString("D", CultureInfo.CurrentCulture);

    /// <summary>"Sunday, November 29, 2026, 10:15" / "domingo, 29 de noviembre de 2026, 10:15", in the newsroom's zone.</summary>
    public string LongDateTime(DateTime utc)
    {
        var local = clock.ToLocal(utc);
        return local.ToString("D", CultureInfo.CurrentCulture) + ", " + local.ToString("HH:mm", CultureInfo.CurrentCulture);
    }

    /// <summary>"November 29" / "29 de noviembre".</summary>
    public string ShortDate(DateTime utc) => clock.ToLocal(utc).ToString("M", CultureInfo.CurrentCulture);

    /// <summary>The machine-readable form for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTime utc) => IsoDates.Of(utc);
}
