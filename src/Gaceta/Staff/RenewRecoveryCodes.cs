using Gaceta.Audit;
using Gaceta.Data;
using Microsoft.AspNetCore.Identity;

namespace Gaceta.Staff;

/// <summary>A staff member with a second factor replaces their recovery codes; the old ones stop working.</summary>
public static class RenewRecoveryCodes
{
    public sealed record Command(StaffMember Member, Actor Actor);

    /// <param name="RecoveryCodes">Null when the account has no second factor.</param>
    public sealed record Result(IReadOnlyList<string>? RecoveryCodes);

    public sealed class Handler(GacetaDb db, UserManager<StaffMember> users, AuditLog audit)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!command.Member.TwoFactorEnabled)
            {
                return new Result(null);
            }

            return await db.InTransactionAsync(
                async () =>
                {
                    audit.Add(command.Actor, AuditActions.RecoveryCodesRenewed, command.Member.Email ?? command.Member.Id);
                    var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(command.Member, EnableTwoFactor.RecoveryCodeCount);
                    return new Result(codes?.ToList() ?? []);
                },
                cancellationToken);
        }
    }
}
