using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Staff;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Redirects;

/// <summary>An editor removes an old address: it answers 404 again.</summary>
public static class RemoveRedirect
{
    public sealed record Command(int Id, Actor Actor);

    public enum Outcome
    {
        Removed,
        NotFound,
        Forbidden,
    }

    public sealed class Handler(GacetaDb db, AuditLog audit)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!command.Actor.CanPublish())
            {
                return Outcome.Forbidden;
            }

            var redirect = await db.Redirects.FirstOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
            if (redirect is null)
            {
                return Outcome.NotFound;
            }

            db.Redirects.Remove(redirect);
            audit.Add(command.Actor, AuditActions.RedirectRemoved, redirect.Path);
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Removed;
        }
    }
}
