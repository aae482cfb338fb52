using System.Text.RegularExpressions;
using System.Xml.Linq;
using Gaceta.Tests.Infrastructure;

namespace Gaceta.Tests.Localization;

/// <summary>Every interface string the reader site uses exists in Spanish as well as in English (its key).</summary>
public sealed partial class InterfaceTextTests
{
    private static readonly string WebProject = Path.Combine(Repository.Root, "src", "Gaceta.Web");

    [Fact]
    public void EveryInterfaceStringInTheWebHost_HasASpanishTranslation()
    {
        var spanish = SpanishResources();
        var used = Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalizedKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: Regex.Unescape(m.Groups["key"].Value))))
            .ToList();

        Assert.NotEmpty(used);
        var missing = used.Where(u => !spanish.ContainsKey(u.Key)).Select(u => $"{u.File}: \"{u.Key}\"").Distinct().ToList();
        Assert.True(missing.Count == 0, "Missing Spanish text:\n" + string.Join('\n', missing));
    }

    /// <summary>Messages kept in constants (the core's validation texts, page notices) and role names.</summary>
    [Fact]
    public void EveryInterfaceTextConstant_HasASpanishTranslation()
    {
        var spanish = SpanishResources();
        Type[] holders =
        [
            typeof(Gaceta.Articles.NewsroomErrors),
            typeof(Gaceta.Web.Features.Admin.Account.SignInModel),
            typeof(Gaceta.Web.Features.Admin.Articles.EditModel),
            typeof(Gaceta.Web.Features.Admin.Staff.IndexModel),
            typeof(Gaceta.Polls.PollErrors),
            typeof(Gaceta.Subscribers.ImportErrors),
            typeof(Gaceta.Web.Features.Admin.Polls.EditModel),
            typeof(Gaceta.Web.Features.Admin.Subscribers.ImportModel),
            typeof(Gaceta.Web.Features.Admin.Subscribers.DetailModel),
            typeof(Gaceta.Newsletters.EditionErrors),
            typeof(Gaceta.Subscribers.SubscribeErrors),
            typeof(Gaceta.Web.Features.Newsletters.IndexModel),
            typeof(Gaceta.Web.Features.Subscribers.SignInModel),
            typeof(Gaceta.Web.Features.Syndication.FeedEndpoints),
            typeof(Gaceta.Web.Features.Admin.Api.IndexModel),
            typeof(Gaceta.Web.Features.Admin.Newsletters.EditModel),
            typeof(Gaceta.Web.Features.Admin.Newsletters.DetailModel),
        ];
        var texts = holders
            .SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Concat(Gaceta.Staff.StaffRoles.All)
            // Shown through T[value.ToString()] on the subscriber pages.
            .Concat(Enum.GetNames<Gaceta.Subscribers.SubscriptionStatus>())
            .Concat(Enum.GetNames<Gaceta.Subscribers.AccessGrant>())
            .Concat(Enum.GetNames<Gaceta.Subscribers.SubscriptionSource>())
            .ToList();

        Assert.NotEmpty(texts);
        var missing = texts.Where(t => !spanish.ContainsKey(t)).ToList();
        Assert.True(missing.Count == 0, "Missing Spanish text:\n" + string.Join('\n', missing));
    }

    /// <summary>The build treats resource names case-insensitively: "Active" and "active" would lose one of them.</summary>
    /// <summary>The words newsletters carry live in the core (the command line sends mail too).</summary>
    [Fact]
    public void EveryEditionWord_HasASpanishTranslation()
    {
        Assert.Contains("es", Gaceta.Newsletters.EditionWords.TranslatedLanguages);
        Assert.All(Gaceta.Newsletters.EditionWords.Keys, key => Assert.NotEqual(key, Gaceta.Newsletters.EditionWords.In("es", key)));
    }

    [Fact]
    public void SpanishResources_HaveNoKeysDifferingOnlyInCase()
    {
        var clashes = SpanishResources().Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => string.Join(" / ", g));
        Assert.Empty(clashes);
    }

    [Fact]
    public void SpanishResources_HaveNoEmptyOrUntranslatedValues()
    {
        var untranslated = SpanishResources()
            .Where(p => string.IsNullOrWhiteSpace(p.Value.Text)
                || (p.Value.Text == p.Key && p.Key.Length > 3 && !p.Value.Comment.StartsWith("Same", StringComparison.Ordinal)))
            .Select(p => p.Key)
            .ToList();

        Assert.Empty(untranslated);
    }

    private static Dictionary<string, (string Text, string Comment)> SpanishResources() =>
        XDocument.Load(Path.Combine(WebProject, "Resources", "SharedResource.es.resx"))
            .Root!.Elements("data")
            .ToDictionary(
                d => (string)d.Attribute("name")!,
                d => ((string?)d.Element("value") ?? string.Empty, (string?)d.Element("comment") ?? string.Empty));

    /// <summary>
    /// <c>T["…"]</c> and <c>text["…"]</c> in views and page models, <c>T("…")</c> in mail writers, and keys passed
    /// to <c>In(culture, "…")</c> and <c>Notify("…")</c>.
    /// </summary>
    [GeneratedRegex("""(?:\bT|\btext)\["(?<key>(?:[^"\\]|\\.)+)"\]|\bNotify\("(?<key>(?:[^"\\]|\\.)+)"\)|\bT\("(?<key>(?:[^"\\]|\\.)+)"\)|\.In\([^,]+,\s*"(?<key>(?:[^"\\]|\\.)+)"\)""")]
    private static partial Regex LocalizedKey();
}
