using System.Globalization;
using System.Net;
using System.Text;

namespace Gaceta.Search;

/// <summary>The engine-free half of search: a query's words, accent folding, and the snippet a result shows.</summary>
public static class SearchText
{
    /// <summary>The words of a query: letters and digits, lower case, at most <see cref="SearchArticles.MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC).Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                if (word.Length <= SearchArticles.MaxTermLength && !words.Contains(word.ToString()))
                {
                    words.Add(word.ToString());
                }

                word.Clear();
            }
        }

        return words.Take(SearchArticles.MaxTerms).ToList();
    }

    /// <summary>Folds case and accents the way both indexes do, so <c>política</c> and <c>POLITICA</c> compare equal.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// About thirty words around the first matched word, matched words marked. A word matches a term when, both
    /// folded, it starts with the term, or with the term less its last two letters for longer terms (close to
    /// what stemming finds: <c>puertos</c> for <c>puerto</c>, <c>elecciones</c> for <c>eleccion</c>).
    /// </summary>
    public static string Snippet(string text, IReadOnlyList<string> terms, int words = 30)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var folded = terms.Select(Fold).Select(t => t.Length > 5 ? t[..^2] : t).ToList();
        var all = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool Matches(string word)
        {
            Span<char> letters = stackalloc char[Math.Min(word.Length, 64)];
            var length = 0;
            var ascii = true;
            foreach (var c in word.AsSpan(0, Math.Min(word.Length, 64)))
            {
                if (char.IsLetterOrDigit(c))
                {
                    letters[length++] = char.ToLowerInvariant(c);
                    ascii &= char.IsAscii(c);
                }
            }

            // Most words are plain ASCII, which folding leaves as they are once lower-cased.
            ReadOnlySpan<char> w = ascii ? letters[..length] : Fold(new string(letters[..length]));
            foreach (var term in folded)
            {
                if (w.StartsWith(term, StringComparison.Ordinal))
                {
                    return w.Length > 0;
                }
            }

            return false;
        }

        var first = Array.FindIndex(all, Matches);
        var start = first < 0 ? 0 : Math.Max(0, first - (words / 3));
        var window = all.Skip(start).Take(words).ToList();
        var html = new StringBuilder();
        if (start > 0)
        {
            html.Append("… ");
        }

        html.AppendJoin(' ', window.Select(w => Matches(w) ? $"<mark>{WebUtility.HtmlEncode(w)}</mark>" : WebUtility.HtmlEncode(w)));
        if (start + window.Count < all.Length)
        {
            html.Append(" …");
        }

        return html.ToString();
    }
}
