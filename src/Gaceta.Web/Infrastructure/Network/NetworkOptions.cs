namespace Gaceta.Web.Infrastructure.Network;

/// <summary>Where requests come from. Bound from <c>Network</c>.</summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>
    /// Reverse proxies (addresses such as <c>10.0.0.5</c> or networks such as <c>10.0.0.0/8</c>) whose
    /// <c>X-Forwarded-For</c> is believed. From anyone else the header is ignored, so a client cannot choose
    /// the address rate limits and consent records see.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
