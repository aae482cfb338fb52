using Microsoft.AspNetCore.Identity;

namespace Gaceta.Staff;

/// <summary>
/// Refuses passwords that are long but guessable: a common password with digits or symbols added
/// ("Password2026!"), one character repeated, or a run along the keyboard or the alphabet ("123456789012").
/// Length is the only composition rule (see <see cref="StaffAccounts"/>), so this is what keeps long passwords honest.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<StaffMember>
{
    /// <summary>The error code Identity reports; the staff area shows its own localized text for it.</summary>
    public const string ErrorCode = "PasswordTooCommon";

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    private static readonly string[] Runs =
    [
        "01234567890123456789",
        "98765432109876543210",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "zyxwvutsrqponmlkjihgfedcbazyxwvutsrqponmlkjihgfedcba",
        "qwertyuiopasdfghjklzxcvbnm",
        "1234567890qwertyuiopasdfghjklzxcvbnm",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<StaffMember> manager, StaffMember user, string? password) =>
        Task.FromResult(IsTooCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "This password is too common or too easy to guess." })
            : IdentityResult.Success);

    /// <summary>Whether <paramref name="password"/> is on the list, a variation of it, or a simple pattern.</summary>
    public static bool IsTooCommon(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return true;
        }

        var lowered = password.Trim().ToLowerInvariant();
        if (lowered.Distinct().Count() <= 3 || Runs.Any(run => run.Contains(lowered, StringComparison.Ordinal)))
        {
            return true;
        }

        // "Sunshine2026!" and "!!password!!" are "sunshine" and "password"; so is a word typed twice.
        var core = lowered.Trim(TrimmedCharacters);
        if (core.Length == 0 || Common.Value.Contains(lowered) || Common.Value.Contains(core))
        {
            return true;
        }

        return core.Length % 2 == 0 && core[..(core.Length / 2)] == core[(core.Length / 2)..] && IsTooCommonHalf(core[..(core.Length / 2)]);
    }

    private static bool IsTooCommonHalf(string half) =>
        half.Distinct().Count() <= 3 || Common.Value.Contains(half) || Runs.Any(run => run.Contains(half, StringComparison.Ordinal));

    private static readonly char[] TrimmedCharacters = "0123456789!@#$%^&*()-_=+[]{};:'\",.<>/?\\|`~¡¿ ".ToCharArray();

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Gaceta.Staff.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words;
    }
}
