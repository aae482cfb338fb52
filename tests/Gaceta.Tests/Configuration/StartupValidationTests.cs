using Gaceta.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gaceta.Tests.Configuration;

/// <summary>A bad setting stops the host at start-up with a message naming the key, not at the first request.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Site:TimeZone", "Mars/Olympus_Mons", "Site:TimeZone")]
    [InlineData("ReaderCache:DurationSeconds", "0", "DurationSeconds")]
    [InlineData("Search:SearchesPerClientPerMinute", "0", "SearchesPerClientPerMinute")]
    [InlineData("Mail:Smtp:Security", "Plain", "Mail:Smtp:Security")]
    public async Task ABadSetting_StopsTheHostAtStartup(string key, string value, string named)
    {
        await using var app = new MisconfiguredApp(key, value);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateReader());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private sealed class MisconfiguredApp(string key, string value) : GacetaApp(DatabaseEngine.Sqlite)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { [key] = value };
    }
}
