using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Articles;

/// <summary>URL slugs: lower-case ASCII letters, digits and single hyphens, as in <c>harbour-expansion-vote</c>.</summary>
public static class Slugs
{
    public const int MaximumLength = 80;

    /// <summary>"¿Qué pasa en el Puerto?" becomes <c>que-pasa-en-el-puerto</c>; accents are dropped, ñ becomes n.</summary>
    public static string FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(lower);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        if (result.Length > MaximumLength)
        {
            result = result[..MaximumLength];
            // Cut at a word boundary when there is one.
            var lastHyphen = result.LastIndexOf('-');
            result = lastHyphen > MaximumLength / 2 ? result[..lastHyphen] : result.TrimEnd('-');
        }

        return result;
    }

    /// <summary>
    /// The one rule for a taken slug: another story's article in the same language has it (a story has at most
    /// one article per language, so its own article never takes a slug from itself).
    /// </summary>
    /// <param name="exceptStoryId">The story being written; null for a new one.</param>
    public static Task<bool> IsTakenAsync(IQueryable<Article> articles, string language, string slug, int? exceptStoryId, CancellationToken cancellationToken) =>
        articles.AnyAsync(a => a.Language == language && a.Slug == slug && a.StoryId != exceptStoryId, cancellationToken);

    /// <summary>Whether <paramref name="slug"/> is already in slug form.</summary>
    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaximumLength && FromText(slug) == slug;

    /// <summary>The first of <c>slug</c>, <c>slug-2</c>, <c>slug-3</c>… that <paramref name="isTaken"/> refuses.</summary>
    public static async Task<string> UniqueAsync(string slug, Func<string, Task<bool>> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        var stem = slug.Length == 0 ? "article" : slug;
        var candidate = stem;
        for (var n = 2; await isTaken(candidate); n++)
        {
            // The suffix must fit within the maximum length too.
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            candidate = stem[..Math.Min(stem.Length, MaximumLength - suffix.Length)].TrimEnd('-') + suffix;
        }

        return candidate;
    }
}
