using Microsoft.Extensions.Options;

namespace Gaceta.Site;

/// <summary>
/// The newsroom's local time. Stories are stored in UTC and shown in the newsroom's zone,
/// so a story filed at 23:30 in Madrid is dated that day, not the next.
/// </summary>
public sealed class SiteClock(TimeProvider time, IOptions<SiteOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A wall-clock time in the newsroom's zone, as an editor types it, in UTC. A time skipped by a daylight
    /// saving change is read as the moment after the jump.
    /// </summary>
    public DateTime FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (_zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, _zone);
    }

    public DateTimeOffset ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), _zone);
}
