namespace Gaceta.Web.Infrastructure.Database;

/// <summary>The demo site. Bound from <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the sample stories into an empty database at start-up. The run command turns it on.</summary>
    public bool Seed { get; set; }
}
