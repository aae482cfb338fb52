using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using MimeKit;

namespace Gaceta.Mail;

/// <summary>
/// The one canonical form of an email address. Every address Gaceta accepts (votes, the newsletter form, sign-in,
/// imports, staff accounts) goes through <see cref="TryCanonicalize"/>, and every one-per-address rule, cooldown
/// and keyed hash uses what it returns, so <c>Ana@Example.ORG</c>, <c> ana@example.org </c> and
/// <c>ana@EXAMPLE.org</c> are one reader, and <c>&lt;ana@example.org&gt;</c> or <c>Ana &lt;ana@example.org&gt;</c> are
/// refused rather than read as another.
/// </summary>
public static class EmailAddress
{
    /// <summary>The longest address a mail path carries (RFC 5321, 4.5.3.1.3).</summary>
    public const int MaxLength = 254;

    private const int MaxLocalPartLength = 64;

    // Strict parsing: the address must be what RFC 5322 calls an addr-spec, nothing the parser would repair.
    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
        Rfc2047ComplianceMode = RfcComplianceMode.Strict,
    };

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>
    /// Reads one plain address (<c>local@domain</c>, surrounding spaces ignored) and returns its canonical form:
    /// Unicode in composed form, the domain in lower-case ASCII (internationalized names as <c>xn--</c> labels),
    /// the local part in lower case. Refuses anything else: display names, angle brackets, comments, groups, lists,
    /// quoted local parts, address literals, a domain without a dot, and addresses longer than a mail path allows.
    /// </summary>
    public static bool TryCanonicalize(string? text, [NotNullWhen(true)] out string? canonical)
    {
        canonical = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim().Normalize(NormalizationForm.FormC);
        if (trimmed.Length > MaxLength || trimmed.Any(IsRefused))
        {
            return false;
        }

        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != trimmed.LastIndexOf('@') || at > MaxLocalPartLength || at == trimmed.Length - 1)
        {
            return false;
        }

        // The mail library must read exactly one mailbox, with no name and no route, whose local part is the
        // text's own (its domain it shows decoded from xn-- labels, so the domain is checked below instead).
        if (!InternetAddressList.TryParse(Strict, trimmed, out var list)
            || list.Count != 1
            || list[0] is not MailboxAddress { Name: null or "", Route.Count: 0 } mailbox
            || !string.Equals(mailbox.LocalPart, trimmed[..at], StringComparison.Ordinal))
        {
            return false;
        }

        if (!TryAsciiDomain(trimmed[(at + 1)..], out var domain))
        {
            return false;
        }

        var local = trimmed[..at].ToLowerInvariant();
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        var result = $"{local}@{domain}";
        if (result.Length > MaxLength)
        {
            return false;
        }

        canonical = result;
        return true;
    }

    /// <summary>The canonical form, or null when <paramref name="text"/> is not one plain address.</summary>
    public static string? Canonicalize(string? text) => TryCanonicalize(text, out var canonical) ? canonical : null;

    /// <summary>
    /// The canonical form of an address stored or received in a looser spelling, such as an older version kept
    /// (<c>&lt;ana@example.org&gt;</c>, <c>Ana &lt;ana@example.org&gt;</c>) or a mail library shows (an
    /// internationalized domain decoded): the one mailbox it names, canonical; null when it names none.
    /// </summary>
    public static string? Recover(string? stored)
    {
        if (Canonicalize(stored) is { } canonical)
        {
            return canonical;
        }

        return stored is not null && MailboxAddress.TryParse(stored, out var mailbox) ? Canonicalize(mailbox.Address) : null;
    }

    /// <summary>
    /// The form an address already stored is compared and hashed in: canonical when it can be, else trimmed and
    /// lower case (addresses stored before canonical forms existed, which the start-up upgrade could not read).
    /// </summary>
    public static string Key(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Recover(stored) ?? stored.Trim().ToLowerInvariant();
    }

    // Whitespace, controls and the characters of display names, comments, routes, groups, lists and quoting.
    private static bool IsRefused(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '(' or ')' or '[' or ']' or ',' or ';' or ':' or '"' or '\\';

    private static bool TryAsciiDomain(string domain, [NotNullWhen(true)] out string? ascii)
    {
        ascii = null;
        string mapped;
        try
        {
            mapped = Idn.GetAscii(domain.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }

        var labels = mapped.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l[0] == '-' || l[^1] == '-' || !l.All(IsLabelChar)))
        {
            return false;
        }

        // A top-level label of digits only is an address literal in disguise (user@127.0.0.1).
        if (labels[^1].All(char.IsAsciiDigit))
        {
            return false;
        }

        ascii = mapped;
        return true;
    }

    private static bool IsLabelChar(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-';
}
