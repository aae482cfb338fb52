using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Gaceta.Staff;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Redirects;

/// <summary>An editor makes an old address lead somewhere on this site.</summary>
public static class AddRedirect
{
    public sealed record Command(string? From, string? To, Actor Actor);

    public enum Outcome
    {
        Added,
        Invalid,
        Forbidden,
    }

    /// <param name="Error">One of <see cref="RedirectErrors"/> when invalid.</param>
    public sealed record Result(Outcome Outcome, string? Error);

    public sealed class Handler(GacetaDb db, SiteClock clock, AuditLog audit)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!command.Actor.CanPublish())
            {
                return new Result(Outcome.Forbidden, null);
            }

            if (RedirectPaths.KeyOfAddress(command.From?.Trim()) is not { } from)
            {
                return new Result(Outcome.Invalid, RedirectErrors.FromInvalid);
            }

            var to = command.To?.Trim();
            if (to is null || RedirectPaths.Key(to.Split('?')[0]) is null || RedirectPaths.KeyOfAddress(to) == from)
            {
                return new Result(Outcome.Invalid, RedirectErrors.ToInvalid);
            }

            if (await db.Redirects.AnyAsync(r => r.Path == from, cancellationToken))
            {
                return new Result(Outcome.Invalid, RedirectErrors.Exists);
            }

            db.Redirects.Add(new Redirect { Path = from, TargetPath = to, Origin = RedirectOrigins.Staff, CreatedAt = clock.UtcNow });
            audit.Add(command.Actor, AuditActions.RedirectAdded, $"{from} → {to}");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                return new Result(Outcome.Invalid, RedirectErrors.Exists);
            }

            return new Result(Outcome.Added, null);
        }
    }
}

/// <summary>What the redirects page says about a refused one, in English; the staff area translates each.</summary>
public static class RedirectErrors
{
    public const string FromInvalid = "Give the old address as a path starting with /, or as the full old address.";
    public const string ToInvalid = "Give the new address as a path on this site starting with /, different from the old one.";
    public const string Exists = "That old address already leads somewhere: remove it first to change where.";
}

/// <summary>Who made a redirect.</summary>
public static class RedirectOrigins
{
    public const string Import = "import";
    public const string Slug = "slug";
    public const string Staff = "staff";
}
