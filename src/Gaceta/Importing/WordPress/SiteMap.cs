using Gaceta.Site;

namespace Gaceta.Importing.WordPress;

/// <summary>
/// What an export's header says about its items: each post's language and translation group (Polylang's
/// <c>language</c> and <c>post_translations</c> terms), categories joined across languages
/// (<c>term_translations</c>), and authors' names.
/// </summary>
internal sealed class SiteMap
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _postGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WxrCategory> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<int, WxrCategory> _categoriesById = [];
    private readonly Dictionary<int, IReadOnlyDictionary<string, string>> _categoryGroups = [];
    private readonly Dictionary<string, string> _authors = new(StringComparer.Ordinal);
    private readonly string _defaultLanguage;

    public SiteMap(WxrSite site, SiteLanguages languages)
    {
        foreach (var term in site.Terms)
        {
            if (PhpArray.Read(term.Description) is not { } group)
            {
                continue;
            }

            if (term.Taxonomy == "post_translations")
            {
                _postGroups[term.Slug] = group;
            }
            else if (term.Taxonomy == "term_translations")
            {
                foreach (var id in group.Values)
                {
                    if (int.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var termId))
                    {
                        _categoryGroups[termId] = group;
                    }
                }
            }
        }

        foreach (var category in site.Categories)
        {
            _categories[category.Slug] = category;
            if (category.TermId is { } id)
            {
                _categoriesById[id] = category;
            }
        }

        foreach (var author in site.Authors)
        {
            _authors[author.Login] = author.DisplayName;
        }

        // Without Polylang every post is in the site's language, as the export's channel gives it.
        var channel = site.Language?.Split('-')[0].ToLowerInvariant();
        _defaultLanguage = languages.IsSupported(channel) ? channel! : languages.Default.Code;
    }

    public string LanguageOf(WxrItem item) => item.Terms.FirstOrDefault(t => t.Domain == "language")?.Slug is { Length: > 0 } code ? code : _defaultLanguage;

    /// <summary>The other posts of the item's translation group.</summary>
    public IReadOnlyCollection<string> SiblingsOf(WxrItem item)
    {
        var own = item.PostId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return item.Terms.FirstOrDefault(t => t.Domain == "post_translations") is { } term && _postGroups.TryGetValue(term.Slug, out var group)
            ? group.Values.Where(id => id != own).ToList()
            : [];
    }

    /// <summary>The section for the post's first category other than the default one, named in every language its translations give.</summary>
    public IReadOnlyDictionary<string, (string Name, string Slug)> SectionNamesFor(WxrItem item, string language)
    {
        var categories = item.Terms.Where(t => t.Domain == "category").ToList();
        var chosen = categories.FirstOrDefault(c => c.Slug != "uncategorized") ?? categories.FirstOrDefault();
        if (chosen is null)
        {
            return new Dictionary<string, (string, string)> { [language] = ("Uncategorized", "uncategorized") };
        }

        var names = new Dictionary<string, (string Name, string Slug)> { [language] = (System.Net.WebUtility.HtmlDecode(chosen.Name), chosen.Slug) };
        if (_categories.TryGetValue(chosen.Slug, out var category) && category.TermId is { } id && _categoryGroups.TryGetValue(id, out var group))
        {
            foreach (var (code, termId) in group)
            {
                if (int.TryParse(termId, System.Globalization.CultureInfo.InvariantCulture, out var other) && _categoriesById.TryGetValue(other, out var translated))
                {
                    names[code] = (System.Net.WebUtility.HtmlDecode(translated.Name), translated.Slug);
                }
            }
        }

        return names;
    }

    public string AuthorName(string login) => _authors.GetValueOrDefault(login) is { Length: > 0 } name ? name : login;
}
