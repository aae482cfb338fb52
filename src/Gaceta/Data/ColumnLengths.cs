namespace Gaceta.Data;

/// <summary>
/// Column sizes shared by several features' entity configurations. A feature's own field limits live with the
/// feature (<see cref="Articles.ArticleLimits"/>); these are the kinds of value every feature stores.
/// </summary>
internal static class ColumnLengths
{
    /// <summary>RFC 5321's path limit; a canonical address is at most <see cref="Mail.EmailAddress.MaxLength"/>.</summary>
    public const int Email = 320;

    public const int LanguageCode = 10;

    /// <summary>Slugs and keys of every kind; reader-facing slugs are held shorter by <see cref="Articles.Slugs"/>.</summary>
    public const int Key = 200;

    /// <summary>Identity's user id column.</summary>
    public const int StaffId = 450;
}
