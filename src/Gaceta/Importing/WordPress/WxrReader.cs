using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Gaceta.Importing.WordPress;

/// <summary>
/// Reads the file WordPress's exporter writes (WXR 1.0 to 1.2: RSS 2.0 with the <c>wp:</c>, <c>content:</c>,
/// <c>excerpt:</c> and <c>dc:</c> namespaces) one element at a time, so an export of hundreds of megabytes never
/// sits in memory: the site's authors, categories and terms first, then one item (post, page, attachment) at a
/// time. No DTD is read and no entity is expanded beyond XML's own.
/// </summary>
public sealed class WxrReader : IDisposable
{
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCore = "http://purl.org/dc/elements/1.1/";

    private const string NotAnExport = "This is not a WordPress export: an export is an XML file whose first element is <rss> (WordPress writes it under Tools → Export).";

    private readonly XmlReader _xml;
    private bool _atItem;

    public WxrReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _xml = XmlReader.Create(stream, new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        });
    }

    /// <summary>Everything before the first item.</summary>
    /// <exception cref="WxrException">The file is not a WordPress export, or not well-formed XML.</exception>
    public async Task<WxrSite> ReadSiteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _xml.MoveToContentAsync().ConfigureAwait(false);
        }
        catch (XmlException)
        {
            throw new WxrException(NotAnExport);
        }

        try
        {
            if (_xml.NodeType != XmlNodeType.Element || _xml.LocalName != "rss")
            {
                throw new WxrException(NotAnExport);
            }

            var site = new SiteParts();
            await _xml.ReadAsync().ConfigureAwait(false);
            while (!_xml.EOF)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_xml.NodeType != XmlNodeType.Element)
                {
                    await _xml.ReadAsync().ConfigureAwait(false);
                }
                else if (IsItem())
                {
                    _atItem = true;
                    break;
                }
                else if (_xml.LocalName == "channel")
                {
                    await _xml.ReadAsync().ConfigureAwait(false);
                }
                else
                {
                    // Reading an element whole leaves the reader on the node after it.
                    site.Collect((XElement)await XNode.ReadFromAsync(_xml, cancellationToken).ConfigureAwait(false));
                }
            }

            return site.Build();
        }
        catch (XmlException e)
        {
            throw new WxrException(Malformed(e), e);
        }
    }

    /// <summary>The items, one at a time, after <see cref="ReadSiteAsync"/>.</summary>
    /// <exception cref="WxrException">The file is cut short or damaged; the items before it were read.</exception>
    public async IAsyncEnumerable<WxrItem> ReadItemsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            XElement? element;
            try
            {
                element = await NextItemAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (XmlException e)
            {
                throw new WxrException(Malformed(e), e);
            }

            if (element is null)
            {
                yield break;
            }

            yield return Item(element);
        }
    }

    private async Task<XElement?> NextItemAsync(CancellationToken cancellationToken)
    {
        while (!_atItem && await _xml.ReadAsync().ConfigureAwait(false))
        {
            _atItem = IsItem();
        }

        if (!_atItem)
        {
            return null;
        }

        var item = (XElement)await XNode.ReadFromAsync(_xml, cancellationToken).ConfigureAwait(false);
        // The reader now stands on whatever follows the item: perhaps the next one.
        _atItem = IsItem();
        return item;
    }

    private bool IsItem() => _xml.NodeType == XmlNodeType.Element && _xml.LocalName == "item" && _xml.NamespaceURI.Length == 0;

    /// <summary>The channel's elements before the items, gathered as they are read.</summary>
    private sealed class SiteParts
    {
        private readonly List<WxrAuthor> _authors = [];
        private readonly List<WxrCategory> _categories = [];
        private readonly List<WxrTerm> _terms = [];
        private string? _baseSite;
        private string? _link;
        private string? _title;
        private string? _language;
        private string? _version;
        private bool _wordpress;

        public void Collect(XElement element)
        {
            var isWp = IsWordPress(element.Name.Namespace);
            _wordpress |= isWp;
            switch (isWp ? element.Name.LocalName : "rss:" + element.Name.LocalName)
            {
                case "wxr_version":
                    _version = element.Value.Trim();
                    break;
                case "base_site_url":
                    _baseSite = element.Value.Trim();
                    break;
                case "author":
                    _authors.Add(new WxrAuthor(Int(Wp(element, "author_id")), Wp(element, "author_login") ?? string.Empty, Wp(element, "author_display_name") ?? Wp(element, "author_login") ?? string.Empty));
                    break;
                case "category":
                    _categories.Add(new WxrCategory(Int(Wp(element, "term_id")), Wp(element, "category_nicename") ?? string.Empty, Wp(element, "cat_name") ?? string.Empty, Wp(element, "category_description"), Wp(element, "category_parent")));
                    break;
                case "term":
                    _terms.Add(new WxrTerm(Int(Wp(element, "term_id")), Wp(element, "term_taxonomy") ?? string.Empty, Wp(element, "term_slug") ?? string.Empty, Wp(element, "term_name") ?? string.Empty, Wp(element, "term_description")));
                    break;
                case "rss:link":
                    _link = element.Value.Trim();
                    break;
                case "rss:title":
                    _title = element.Value.Trim();
                    break;
                case "rss:language":
                    _language = element.Value.Trim();
                    break;
            }
        }

        public WxrSite Build() =>
            _wordpress && (_baseSite ?? _link) is { Length: > 0 } site
                ? new WxrSite(site.TrimEnd('/'), _title, _version, _language, _authors, _categories, _terms)
                : throw new WxrException("This RSS file is not a WordPress export: it has no wp:base_site_url (WordPress writes it in every export, under Tools → Export).");
    }

    private static WxrItem Item(XElement item)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in item.Elements().Where(e => IsWordPress(e.Name.Namespace) && e.Name.LocalName == "postmeta"))
        {
            if (Wp(entry, "meta_key") is { Length: > 0 } key)
            {
                meta[key] = Wp(entry, "meta_value") ?? string.Empty;
            }
        }

        return new WxrItem(
            Int(Wp(item, "post_id")) ?? 0,
            Child(item, "title")?.Trim() ?? string.Empty,
            Child(item, "link")?.Trim(),
            Wp(item, "post_name") ?? string.Empty,
            Wp(item, "status") ?? string.Empty,
            Wp(item, "post_type") ?? string.Empty,
            Date(Wp(item, "post_date_gmt")),
            item.Element(XName.Get("encoded", ContentNamespace))?.Value ?? string.Empty,
            item.Elements().FirstOrDefault(e => e.Name.LocalName == "encoded" && e.Name.NamespaceName.Contains("/excerpt/", StringComparison.Ordinal))?.Value ?? string.Empty,
            item.Element(XName.Get("creator", DublinCore))?.Value.Trim(),
            item.Elements("category").Select(c => new WxrItemTerm((string?)c.Attribute("domain") ?? string.Empty, (string?)c.Attribute("nicename") ?? string.Empty, c.Value)).ToList(),
            meta,
            Wp(item, "attachment_url"),
            item.Elements().Count(e => IsWordPress(e.Name.Namespace) && e.Name.LocalName == "comment"),
            Int(Wp(item, "post_parent")) ?? 0);
    }

    private static bool IsWordPress(XNamespace ns) =>
        ns.NamespaceName.StartsWith("http://wordpress.org/export/", StringComparison.Ordinal) && !ns.NamespaceName.Contains("/excerpt/", StringComparison.Ordinal);

    private static string? Wp(XElement parent, string name) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == name && IsWordPress(e.Name.Namespace))?.Value;

    private static string? Child(XElement parent, string name) => parent.Element(name)?.Value;

    private static int? Int(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>WordPress writes <c>0000-00-00 00:00:00</c> for a draft never dated.</summary>
    private static DateTime? Date(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) && date.Year > 1
            ? date
            : null;

    private static string Malformed(XmlException e) =>
        string.Create(CultureInfo.InvariantCulture, $"The export is damaged or cut short near line {e.LineNumber}: {e.Message}");

    public void Dispose() => _xml.Dispose();
}

/// <summary>A file that is not a readable WordPress export.</summary>
public sealed class WxrException : Exception
{
    public WxrException()
    {
    }

    public WxrException(string message)
        : base(message)
    {
    }

    public WxrException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <param name="BaseSiteUrl">The exporting site's address, the key its posts are remembered by.</param>
public sealed record WxrSite(
    string BaseSiteUrl,
    string? Title,
    string? Version,
    string? Language,
    IReadOnlyList<WxrAuthor> Authors,
    IReadOnlyList<WxrCategory> Categories,
    IReadOnlyList<WxrTerm> Terms);

public sealed record WxrAuthor(int? Id, string Login, string DisplayName);

public sealed record WxrCategory(int? TermId, string Slug, string Name, string? Description, string? ParentSlug);

/// <summary>A term of any other taxonomy, such as Polylang's <c>language</c> or <c>post_translations</c>.</summary>
public sealed record WxrTerm(int? TermId, string Taxonomy, string Slug, string Name, string? Description);

/// <summary>An item's category, tag or other term, as <c>&lt;category domain nicename&gt;</c>.</summary>
public sealed record WxrItemTerm(string Domain, string Slug, string Name);

/// <param name="PostDateGmt">Null for a draft never dated.</param>
/// <param name="Meta">Post meta by key, such as <c>_thumbnail_id</c> or <c>_wp_attachment_image_alt</c>.</param>
public sealed record WxrItem(
    int PostId,
    string Title,
    string? Link,
    string PostName,
    string Status,
    string PostType,
    DateTime? PostDateGmt,
    string Content,
    string Excerpt,
    string? Creator,
    IReadOnlyList<WxrItemTerm> Terms,
    IReadOnlyDictionary<string, string> Meta,
    string? AttachmentUrl,
    int CommentCount,
    int PostParent);
