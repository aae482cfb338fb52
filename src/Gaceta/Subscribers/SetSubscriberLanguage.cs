using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>A signed-in subscriber changes the language of their mails and pages.</summary>
public static class SetSubscriberLanguage
{
    public sealed record Command(int SubscriberId, string Language);

    public sealed class Handler(GacetaDb db, SiteLanguages languages, SqliteWriteGate writeGate)
    {
        public async Task<SubscriberAccountOutcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var language = command.Language;
            if (languages.Find(language) is null)
            {
                return SubscriberAccountOutcome.NotAllowed;
            }

            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            var changed = await db.Subscribers.Where(s => s.Id == command.SubscriberId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Language, language), cancellationToken);
            return changed == 1 ? SubscriberAccountOutcome.Done : SubscriberAccountOutcome.NotFound;
        }
    }
}
