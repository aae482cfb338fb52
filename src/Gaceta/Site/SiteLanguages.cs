using System.Globalization;
using Microsoft.Extensions.Options;

namespace Gaceta.Site;

/// <summary>One configured publication language.</summary>
/// <param name="Code">The URL prefix and article language, such as <c>es</c>.</param>
/// <param name="Culture">Culture used for interface text, dates and numbers.</param>
public sealed record SiteLanguage(string Code, CultureInfo Culture)
{
    /// <summary>The language's name in itself, capitalised as a menu item: "English", "Español".</summary>
    public string NativeName { get; } = Capitalise(Culture.NativeName, Culture);

    private static string Capitalise(string name, CultureInfo culture) =>
        name.Length == 0 ? name : char.ToUpper(name[0], culture) + name[1..];
}

/// <summary>The configured languages, default first, as the rest of Gaceta asks about them.</summary>
public sealed class SiteLanguages
{
    private readonly Dictionary<string, SiteLanguage> _byCode;

    public SiteLanguages(IOptions<SiteOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var codes = options.Value.Languages;
        if (codes.Count == 0)
        {
            throw new InvalidOperationException("Site:Languages must name at least one language.");
        }

        All = codes
            .Select(code => code.Trim().ToLowerInvariant())
            .Distinct()
            .Select(code => new SiteLanguage(code, CultureInfo.GetCultureInfo(code)))
            .ToList();
        _byCode = All.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<SiteLanguage> All { get; }

    public SiteLanguage Default => All[0];

    public bool IsSupported(string? code) => code is not null && _byCode.ContainsKey(code);

    public SiteLanguage Get(string code) =>
        _byCode.TryGetValue(code, out var language)
            ? language
            : throw new ArgumentException($"'{code}' is not a configured language.", nameof(code));

    public SiteLanguage? Find(string? code) =>
        code is not null && _byCode.TryGetValue(code, out var language) ? language : null;
}
