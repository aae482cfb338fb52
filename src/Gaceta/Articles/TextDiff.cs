namespace Gaceta.Articles;

/// <summary>Whether a line of a diff is kept, removed from the old text or added in the new one.</summary>
public enum DiffKind
{
    Same,
    Removed,
    Added,
}

/// <summary>One line of a diff.</summary>
public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>
/// A line diff of two texts by longest common subsequence. Markdown keeps a paragraph on one line, so a line is
/// the unit an editor reads. Texts are articles, a few hundred lines at most; beyond
/// <see cref="MaximumLines"/> lines the diff falls back to "all removed, all added" rather than use quadratic memory.
/// </summary>
public static class TextDiff
{
    public const int MaximumLines = 3000;

    public static IReadOnlyList<DiffLine> Lines(string? before, string? after)
    {
        var a = Split(before);
        var b = Split(after);

        // Common head and tail are cheap to take off and are most of a typical edit.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }

        var result = new List<DiffLine>(a.Length + b.Length);
        result.AddRange(a.Take(head).Select(l => new DiffLine(DiffKind.Same, l)));
        var middleA = a[head..(a.Length - tail)];
        var middleB = b[head..(b.Length - tail)];
        if (middleA.Length > MaximumLines || middleB.Length > MaximumLines)
        {
            result.AddRange(middleA.Select(l => new DiffLine(DiffKind.Removed, l)));
            result.AddRange(middleB.Select(l => new DiffLine(DiffKind.Added, l)));
        }
        else
        {
            result.AddRange(Middle(middleA, middleB));
        }

        result.AddRange(a.Skip(a.Length - tail).Select(l => new DiffLine(DiffKind.Same, l)));
        return result;
    }

    /// <summary>Whether the diff has any change in it.</summary>
    public static bool HasChanges(IReadOnlyList<DiffLine> diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return diff.Any(l => l.Kind != DiffKind.Same);
    }

    private static List<DiffLine> Middle(string[] a, string[] b)
    {
        // lengths[i, j]: longest common subsequence of a[i..] and b[j..].
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                lines.Add(new DiffLine(DiffKind.Same, a[x++]));
                y++;
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                lines.Add(new DiffLine(DiffKind.Removed, a[x++]));
            }
            else
            {
                lines.Add(new DiffLine(DiffKind.Added, b[y++]));
            }
        }

        lines.AddRange(a.Skip(x).Select(l => new DiffLine(DiffKind.Removed, l)));
        lines.AddRange(b.Skip(y).Select(l => new DiffLine(DiffKind.Added, l)));
        return lines;
    }

    private static string[] Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.ReplaceLineEndings("\n").Split('\n');
}
