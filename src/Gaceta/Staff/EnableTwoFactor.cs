using Gaceta.Audit;
using Gaceta.Data;
using Microsoft.AspNetCore.Identity;

namespace Gaceta.Staff;

/// <summary>
/// A staff member turns on their second factor by giving one right code from their authenticator app, and gets
/// ten recovery codes to keep; the audit entry lands with the change.
/// </summary>
public static class EnableTwoFactor
{
    public sealed record Command(StaffMember Member, string? Code, Actor Actor);

    /// <param name="RecoveryCodes">Null when the code was wrong and nothing changed.</param>
    public sealed record Result(IReadOnlyList<string>? RecoveryCodes);

    public const int RecoveryCodeCount = 10;

    public sealed class Handler(GacetaDb db, UserManager<StaffMember> users, AuditLog audit)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var digits = new string((command.Code ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
            if (!await users.VerifyTwoFactorTokenAsync(command.Member, users.Options.Tokens.AuthenticatorTokenProvider, digits))
            {
                return new Result(null);
            }

            return await db.InTransactionAsync(
                async () =>
                {
                    await users.SetTwoFactorEnabledAsync(command.Member, true);
                    audit.Add(command.Actor, AuditActions.TwoFactorEnabled, command.Member.Email ?? command.Member.Id);
                    var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(command.Member, RecoveryCodeCount);
                    return new Result(codes?.ToList() ?? []);
                },
                cancellationToken);
        }
    }
}
