using System.Globalization;
using System.Text;
using Gaceta.Data;
using Gaceta.Site;

namespace Gaceta.Importing.Members;

/// <summary>Where a reader stood in the other system when it exported them.</summary>
public enum MemberState
{
    Subscribed,
    Unsubscribed,

    /// <summary>Mailchimp stopped mailing the address (it bounced, or the inbox refused): it goes on the suppression list.</summary>
    Cleaned,
}

/// <summary>
/// One reader of another system's export, as it recorded them: when they opted in and from which address, when
/// (if ever) they confirmed, when they left. The address is as written there; the import canonicalizes it.
/// </summary>
/// <param name="Line">The row's line in its file, for the report (which never repeats the address).</param>
public sealed record MemberRecord(
    string File,
    int Line,
    string Email,
    MemberState State,
    DateTime? OptInAt,
    string? OptInIp,
    DateTime? ConfirmedAt,
    DateTime? LeftAt,
    string? Language,
    IReadOnlyList<string> Notes)
{
    public string Where => string.Create(CultureInfo.InvariantCulture, $"{File} line {Line}");
}

/// <summary>One file's readers, its rows that could not be read, or why the file as a whole could not be.</summary>
public sealed record MemberFile(string Name, IReadOnlyList<MemberRecord> Members, IReadOnlyList<ImportedEntry> Invalid, string? Error)
{
    public static MemberFile Failed(string name, string error) => new(name, [], [], error);
}

/// <summary>
/// A CSV export read for its readers: binary files, unclosed quotes and missing columns are refused with one
/// message, rows with the wrong number of fields are named by their line, and columns are found by name in any
/// order and letter case. Columns a reader does not know are left alone (merge fields, tags).
/// </summary>
internal sealed class MemberCsv
{
    private readonly Dictionary<string, int> _columns;
    private readonly int _width;

    private MemberCsv(Dictionary<string, int> columns, int width, IReadOnlyList<Csv.Record> rows)
    {
        _columns = columns;
        _width = width;
        Rows = rows;
    }

    public IReadOnlyList<Csv.Record> Rows { get; }

    public IReadOnlyCollection<string> Columns => _columns.Keys;

    public static MemberCsv Read(string name, byte[] content, out string? error)
    {
        error = null;
        if (Array.IndexOf(content, (byte)0) >= 0)
        {
            error = $"{name} is not a CSV file: it holds binary data.";
            return new MemberCsv([], 0, []);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            // Spreadsheet programs still save CSV in Windows-1252 now and then; its letters are Latin-1's here.
            text = Encoding.Latin1.GetString(content);
        }

        IReadOnlyList<Csv.Record> records;
        try
        {
            records = Csv.Parse(text);
        }
        catch (FormatException e)
        {
            error = $"{name} is not valid CSV: {e.Message}";
            return new MemberCsv([], 0, []);
        }

        if (records.Count == 0)
        {
            error = $"{name} is empty.";
            return new MemberCsv([], 0, []);
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < records[0].Fields.Count; i++)
        {
            columns.TryAdd(records[0].Fields[i].Trim(), i);
        }

        return new MemberCsv(columns, records[0].Fields.Count, records.Skip(1).ToList());
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The field under the column, trimmed; empty when the column is absent or the row short.</summary>
    public string Get(Csv.Record row, string column) =>
        _columns.TryGetValue(column, out var i) && i < row.Fields.Count ? row.Fields[i].Trim() : string.Empty;

    /// <summary>The rows whose fields line up with the header's columns; each other row is reported as invalid.</summary>
    public IEnumerable<Csv.Record> AlignedRows(string file, ICollection<ImportedEntry> invalid)
    {
        foreach (var row in Rows)
        {
            if (row.Fields.Count == _width)
            {
                yield return row;
                continue;
            }

            invalid.Add(new ImportedEntry(
                string.Create(CultureInfo.InvariantCulture, $"{file} line {row.Line}"), string.Empty, ImportOutcome.Invalid, null,
                ["The row does not have as many fields as the header names: nothing of it was imported."]));
        }
    }

    public string Describe() => string.Join(", ", _columns.Keys.Take(12)) + (_columns.Count > 12 ? ", …" : string.Empty);

    /// <summary>A time as these exports write it (<c>2024-05-14 09:30:00</c> in UTC, or ISO 8601); null when empty or unreadable.</summary>
    public static DateTime? Time(string value, string column, ICollection<string> notes)
    {
        if (value.Length == 0 || value == "null")
        {
            return null;
        }

        if (DateTime.TryParseExact(value, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd"],
                CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
        {
            return DateTime.SpecifyKind(time, DateTimeKind.Utc);
        }

        notes.Add($"{column} is not a time this import reads; taken as missing.");
        return null;
    }

    /// <summary>
    /// A language as a list writes it (<c>es</c>, <c>es_MX</c>, <c>Spanish</c>, <c>Español</c>) as one of the site's
    /// codes; null when it names none of them.
    /// </summary>
    public static string? Language(string value, SiteLanguages languages)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var code = value.Split('-', '_')[0].Trim().ToLowerInvariant();
        if (languages.IsSupported(code))
        {
            return code;
        }

        return languages.All.FirstOrDefault(l =>
            string.Equals(l.Culture.EnglishName, value, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(l.Culture.NativeName, value, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(l.Culture.Parent.EnglishName, value, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(l.Culture.Parent.NativeName, value, StringComparison.OrdinalIgnoreCase))?.Code;
    }
}
