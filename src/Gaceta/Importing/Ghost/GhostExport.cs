using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gaceta.Importing.Ghost;

/// <summary>A file that is not a Ghost export, or not a whole one: the message says which, for the operator.</summary>
public sealed class GhostExportException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The parts of a Ghost export (Settings → Labs → Export, or <c>/ghost/api/admin/db/</c>) an import reads:
/// <c>db[0].data</c>'s posts, their meta (feature image alt text and caption), tags, users and the tables that
/// join them. Everything else in the file (mobiledoc and lexical sources, members, settings but the locale) is
/// skipped while it is read, so only the fields below are held in memory. Old exports with numeric ids and
/// millisecond dates read the same as new ones.
/// </summary>
public sealed class GhostExport
{
    public required string? Version { get; init; }

    public required IReadOnlyList<GhostPost> Posts { get; init; }

    public required IReadOnlyDictionary<string, GhostPostMeta> Meta { get; init; }

    public required IReadOnlyDictionary<string, GhostTag> Tags { get; init; }

    public required IReadOnlyDictionary<string, GhostUser> Users { get; init; }

    /// <summary>Each post's tag ids in Ghost's order: the first is the primary tag.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> PostTags { get; init; }

    /// <summary>Each post's author ids in Ghost's order.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> PostAuthors { get; init; }

    /// <summary>The site's language setting (<c>locale</c>), such as <c>es</c>.</summary>
    public required string? Locale { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        Converters = { new ScalarAsString() },
        MaxDepth = 64,
    };

    public static async Task<GhostExport> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FileShape? file;
        try
        {
            file = await JsonSerializer.DeserializeAsync<FileShape>(stream, Options, cancellationToken);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1})") : string.Empty;
            throw new GhostExportException($"The file is not a whole Ghost export: it is not valid JSON{where}. Export again from Ghost's Settings → Labs.", e);
        }
        catch (NotSupportedException e)
        {
            throw new GhostExportException("The file is not a Ghost export: its JSON does not have the export's shape.", e);
        }

        var section = file?.Db is [var first, ..] ? first : file;
        if (section?.Data is not { Posts: not null } data)
        {
            throw new GhostExportException("The file is not a Ghost export: it has no db[0].data.posts. Export again from Ghost's Settings → Labs.");
        }

        return new GhostExport
        {
            Version = section.Meta?.Version,
            Posts = data.Posts.Where(p => p.Id is not null).ToList(),
            Meta = (data.PostsMeta ?? []).Where(m => m.PostId is not null).GroupBy(m => m.PostId!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            Tags = (data.Tags ?? []).Where(t => t.Id is not null).GroupBy(t => t.Id!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            Users = (data.Users ?? []).Where(u => u.Id is not null).GroupBy(u => u.Id!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            PostTags = Ordered(data.PostsTags, l => l.TagId),
            PostAuthors = Ordered(data.PostsAuthors, l => l.AuthorId),
            Locale = data.Settings?.FirstOrDefault(s => s.Key == "locale")?.Value,
        };
    }

    private static Dictionary<string, IReadOnlyList<string>> Ordered(List<Link>? links, Func<Link, string?> target) =>
        (links ?? []).Where(l => l.PostId is not null && target(l) is not null)
            .GroupBy(l => l.PostId!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.OrderBy(l => SortOrder(l.SortOrder)).Select(l => target(l)!).ToList(), StringComparer.Ordinal);

    private static int SortOrder(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var order) ? order : 0;

    /// <summary>A date as Ghost writes it: ISO 8601 in UTC, or milliseconds since 1970 in old exports.</summary>
    public static DateTime? Date(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return milliseconds is > 0 and < 253402300799999 ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime : null;
        }

        return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
            : null;
    }

    /// <summary>A yes or no as Ghost writes it: <c>true</c>, <c>1</c>, or their opposites.</summary>
    public static bool Flag(string? value) => value is "true" or "True" or "1";

    private sealed class FileShape
    {
        public List<FileShape>? Db { get; set; }

        public MetaShape? Meta { get; set; }

        public DataShape? Data { get; set; }
    }

    private sealed class MetaShape
    {
        public string? Version { get; set; }
    }

    private sealed class DataShape
    {
        public List<GhostPost>? Posts { get; set; }

        public List<GhostPostMeta>? PostsMeta { get; set; }

        public List<GhostTag>? Tags { get; set; }

        public List<GhostUser>? Users { get; set; }

        public List<Link>? PostsTags { get; set; }

        public List<Link>? PostsAuthors { get; set; }

        public List<Setting>? Settings { get; set; }
    }

    private sealed class Link
    {
        public string? PostId { get; set; }

        public string? TagId { get; set; }

        public string? AuthorId { get; set; }

        public string? SortOrder { get; set; }
    }

    private sealed class Setting
    {
        public string? Key { get; set; }

        public string? Value { get; set; }
    }

    /// <summary>
    /// Any JSON scalar read as text (ids are numbers in old exports and strings in new ones; flags are booleans or
    /// 0 and 1), and a nested object or array where text was expected skipped as null.
    /// </summary>
    private sealed class ScalarAsString : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    return reader.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture) : reader.GetDouble().ToString(CultureInfo.InvariantCulture);
                case JsonTokenType.True:
                    return "true";
                case JsonTokenType.False:
                    return "false";
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    reader.Skip();
                    return null;
                default:
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}

/// <summary>A post (or page) of a Ghost export, with the fields an import uses.</summary>
public sealed class GhostPost
{
    public string? Id { get; set; }

    public string? Uuid { get; set; }

    public string? Title { get; set; }

    public string? Slug { get; set; }

    public string? Html { get; set; }

    public string? FeatureImage { get; set; }

    /// <summary><c>post</c> or <c>page</c>; old exports say <c>page: 1</c> instead.</summary>
    public string? Type { get; set; }

    public string? Page { get; set; }

    /// <summary><c>published</c>, <c>draft</c>, <c>scheduled</c>, or <c>sent</c> (mailed as a newsletter only).</summary>
    public string? Status { get; set; }

    /// <summary><c>public</c>, or <c>members</c>, <c>paid</c>, <c>tiers</c> for posts behind Ghost's paywall.</summary>
    public string? Visibility { get; set; }

    public string? PublishedAt { get; set; }

    public string? CreatedAt { get; set; }

    public string? CustomExcerpt { get; set; }

    /// <summary>Old exports' own fields for the post's language (<c>en_US</c>) and single author.</summary>
    public string? Locale { get; set; }

    public string? Language { get; set; }

    public string? AuthorId { get; set; }

    /// <summary>Ghost 3 kept the feature image's texts on the post; later versions in <c>posts_meta</c>.</summary>
    public string? FeatureImageAlt { get; set; }

    public string? FeatureImageCaption { get; set; }

    public bool IsPage => Type == "page" || GhostExport.Flag(Page);
}

public sealed class GhostPostMeta
{
    public string? PostId { get; set; }

    public string? FeatureImageAlt { get; set; }

    public string? FeatureImageCaption { get; set; }
}

public sealed class GhostTag
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Slug { get; set; }

    /// <summary><c>internal</c> for tags whose name starts with <c>#</c>: Ghost's own markers, never shown.</summary>
    public string? Visibility { get; set; }

    public bool IsInternal => Visibility == "internal" || Name?.StartsWith('#') == true;
}

public sealed class GhostUser
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Slug { get; set; }

    public string? Bio { get; set; }
}
