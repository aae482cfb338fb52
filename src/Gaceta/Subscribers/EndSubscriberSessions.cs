using Gaceta.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>Signing out ends every session of the subscriber, on every browser: their stamp changes.</summary>
public static class EndSubscriberSessions
{
    public sealed record Command(int SubscriberId);

    public sealed class Handler(GacetaDb db, SqliteWriteGate writeGate)
    {
        public async Task HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var fresh = SignInLinks.NewStamp();
            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            await db.Subscribers.Where(s => s.Id == command.SubscriberId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.SessionStamp, fresh), cancellationToken);
        }
    }
}
