using System.Security.Cryptography;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Site;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Staff;

/// <summary>
/// Creates a staff account with one role. There is no default password anywhere: the operator types one, or a
/// random one is generated and shown once.
/// </summary>
public static class AddStaffMember
{
    /// <param name="Password">The password to set; generated when null.</param>
    /// <param name="Actor">Who is adding the account, for the audit log; null for the command line.</param>
    public sealed record Command(string Email, string Role, string? DisplayName, string? Language, string? Password, Actor? Actor = null);

    /// <summary>The new account's id and, when it was generated, the password to hand over once.</summary>
    public sealed record Result(string? Id, string? GeneratedPassword, IReadOnlyList<IdentityError> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    public sealed class Handler(GacetaDb db, UserManager<StaffMember> users, RoleManager<IdentityRole> roles, SiteLanguages languages, AuditLog audit, TimeProvider time)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (StaffRoles.Find(command.Role) is not { } role)
            {
                return Failed("UnknownRole", $"Unknown role '{command.Role}'. Roles: {string.Join(", ", StaffRoles.All)}.");
            }

            if (!EmailAddress.TryCanonicalize(command.Email, out var email))
            {
                return Failed("InvalidEmail", $"'{command.Email}' is not an email address.");
            }

            var language = string.IsNullOrWhiteSpace(command.Language) ? languages.Default.Code : command.Language.Trim();
            if (!languages.IsSupported(language))
            {
                return Failed("UnknownLanguage", $"Unknown language '{language}'.");
            }

            if (command.DisplayName?.Trim().Length > 200)
            {
                return Failed("InvalidName", "The name is too long (200 characters at most).");
            }

            await EnsureRolesAsync(cancellationToken);
            var generated = command.Password is null ? GeneratePassword() : null;
            var member = new StaffMember
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(command.DisplayName) ? email[..email.IndexOf('@', StringComparison.Ordinal)] : command.DisplayName.Trim(),
                Language = language,
                CreatedAt = time.GetUtcNow().UtcDateTime,
                // A password someone else saw (generated and shown, or set by an administrator) is changed at first sign-in.
                MustChangePassword = generated is not null || command.Actor is not null,
            };

            // The account, its role and the audit entry land together: Identity saves each call on its own.
            return await db.InTransactionAsync(
                async () =>
                {
                    var created = await users.CreateAsync(member, command.Password ?? generated!);
                    if (!created.Succeeded)
                    {
                        return new Result(null, null, created.Errors.ToList());
                    }

                    var added = await users.AddToRoleAsync(member, role);
                    if (!added.Succeeded)
                    {
                        await users.DeleteAsync(member);
                        return new Result(null, null, added.Errors.ToList());
                    }

                    audit.Add(command.Actor, AuditActions.StaffAdded, $"{email} ({role})");
                    await db.SaveChangesAsync(cancellationToken);
                    return new Result(member.Id, generated, []);
                },
                cancellationToken);
        }

        /// <summary>Roles are data in Identity; they are created the first time anyone needs them.</summary>
        private async Task EnsureRolesAsync(CancellationToken cancellationToken)
        {
            var existing = await roles.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
            foreach (var role in StaffRoles.All.Except(existing.OfType<string>()))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        private static Result Failed(string code, string description) =>
            new(null, null, [new IdentityError { Code = code, Description = description }]);
    }

    /// <summary>Five groups of five letters and digits (about 128 bits), easy to read out and type.</summary>
    public static string GeneratePassword()
    {
        // No 0/O, 1/l/I: the password is read off a screen once.
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        var groups = Enumerable.Range(0, 5).Select(_ => RandomNumberGenerator.GetString(alphabet, 5));
        return string.Join('-', groups);
    }
}
