using System.Globalization;
using System.Text;

namespace Gaceta.Importing.WordPress;

/// <summary>
/// Reads the flat PHP-serialized arrays Polylang keeps in term descriptions, such as
/// <c>a:2:{s:2:"en";i:5;s:2:"es";i:6;}</c> (a translation group: language → post or term id). Only strings and
/// integers are read, as keys and values; anything else (objects above all) is not a translation group.
/// </summary>
public static class PhpArray
{
    /// <returns>The entries, or null when <paramref name="serialized"/> is not such an array.</returns>
    public static IReadOnlyDictionary<string, string>? Read(string? serialized)
    {
        if (string.IsNullOrWhiteSpace(serialized))
        {
            return null;
        }

        // PHP counts string lengths in bytes.
        var bytes = Encoding.UTF8.GetBytes(serialized.Trim());
        var at = 0;
        try
        {
            Expect(bytes, ref at, "a:");
            var count = Number(bytes, ref at, ':');
            Expect(bytes, ref at, "{");
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = Scalar(bytes, ref at);
                entries[key] = Scalar(bytes, ref at);
            }

            Expect(bytes, ref at, "}");
            return at == bytes.Length ? entries : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Scalar(byte[] bytes, ref int at)
    {
        if (at + 2 > bytes.Length)
        {
            throw new FormatException();
        }

        var type = (char)bytes[at];
        at += 2;
        switch (type)
        {
            case 'i':
                return Number(bytes, ref at, ';').ToString(CultureInfo.InvariantCulture);
            case 's':
                var length = Number(bytes, ref at, ':');
                Expect(bytes, ref at, "\"");
                if (length < 0 || at + length > bytes.Length)
                {
                    throw new FormatException();
                }

                var text = Encoding.UTF8.GetString(bytes, at, length);
                at += length;
                Expect(bytes, ref at, "\";");
                return text;
            default:
                throw new FormatException();
        }
    }

    private static int Number(byte[] bytes, ref int at, char end)
    {
        var start = at;
        while (at < bytes.Length && bytes[at] != end)
        {
            at++;
        }

        if (at >= bytes.Length || !int.TryParse(Encoding.ASCII.GetString(bytes, start, at - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException();
        }

        at++;
        return value;
    }

    private static void Expect(byte[] bytes, ref int at, string text)
    {
        foreach (var c in text)
        {
            if (at >= bytes.Length || bytes[at] != c)
            {
                throw new FormatException();
            }

            at++;
        }
    }
}
