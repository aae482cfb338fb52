using System.Globalization;

namespace Gaceta.Redirects;

/// <summary>How an old address is written down and looked up: one spelling for every way a request may ask for it.</summary>
public static class RedirectPaths
{
    public const int MaxLength = 1000;

    /// <summary>
    /// The path, percent-decoded, without a trailing slash; a WordPress <c>?p=</c> or <c>?page_id=</c> is kept,
    /// every other query is not part of the key.
    /// </summary>
    /// <returns>Null for what cannot be an old address (not a rooted path).</returns>
    public static string? Key(string? path, string? query = null)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var decoded = Uri.UnescapeDataString(path);
        // No address of a page holds control characters (and PostgreSQL text cannot hold NUL).
        if (decoded.Any(char.IsControl))
        {
            return null;
        }

        var trimmed = decoded.Length > 1 ? decoded.TrimEnd('/') : decoded;
        if (trimmed.Length == 0)
        {
            trimmed = "/";
        }

        var post = PostId(query);
        var key = post is null ? trimmed : string.Create(CultureInfo.InvariantCulture, $"{trimmed}?p={post}");
        return key.Length <= MaxLength ? key : null;
    }

    /// <summary>The key of an absolute or site-relative address, such as a WordPress permalink.</summary>
    public static string? KeyOfAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return Key(uri.AbsolutePath, uri.Query);
        }

        var query = address.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? Key(address) : Key(address[..query], address[query..]);
    }

    private static string? PostId(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts is ["p" or "page_id", var id] && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number.ToString(CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
