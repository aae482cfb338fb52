using System.Text.Json;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Security;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// Everything held about one subscriber, as JSON (GDPR art. 15): the account, subscriptions, consent records, mails,
/// votes, newsletter deliveries and sign-in history. Null when there is no such subscriber.
/// </summary>
public static class ExportSubscriberData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public sealed record Query(int SubscriberId, Actor Actor);

    public sealed class Handler(GacetaDb db, InstallationKeys keys, SiteClock clock, AuditLog audit)
    {
        public async Task<string?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var id = query.SubscriberId;
            var subscriber = await db.Subscribers.AsNoTracking()
                .Include(s => s.Subscriptions).ThenInclude(s => s.ConsentRecords)
                .Include(s => s.Subscriptions).ThenInclude(s => s.Newsletter)
                .AsSplitQuery()
                .FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (subscriber is null)
            {
                return null;
            }

            var hash = keys.Hash("vote-email", subscriber.Email);
            var votes = await db.Votes.AsNoTracking().Where(v => v.EmailHash == hash)
                .Select(v => new { Poll = db.Polls.Where(p => p.Id == v.PollId).Select(p => p.Key).First(), v.OptionId, v.Language, v.CastAt })
                .ToListAsync(cancellationToken);
            var mails = await db.OutboundMails.AsNoTracking().Where(m => m.Recipient == subscriber.Email)
                .Select(m => new { m.Purpose, m.CreatedAt, m.SentAt, m.FailedAt })
                .ToListAsync(cancellationToken);
            var subscriptionIds = subscriber.Subscriptions.Select(s => s.Id).ToList();
            var deliveries = await db.Deliveries.AsNoTracking().Where(d => subscriptionIds.Contains(d.SubscriptionId))
                .Join(db.Editions, d => d.EditionId, e => e.Id, (d, e) => new { d, e })
                .OrderBy(x => x.d.Id)
                .Select(x => new
                {
                    edition = x.e.Id,
                    newsletter = x.e.Newsletter.Key,
                    x.d.Language,
                    state = x.d.State.ToString(),
                    x.d.Attempts,
                    x.d.SentAt,
                    x.d.Note,
                })
                .ToListAsync(cancellationToken);
            var signIns = await db.SignInLinks.AsNoTracking().Where(l => l.SubscriberId == id).OrderBy(l => l.Id)
                .Select(l => new { requestedAt = l.CreatedAt, l.ExpiresAt, usedAt = l.UsedAt })
                .ToListAsync(cancellationToken);
            var data = new
            {
                exportedAt = clock.UtcNow,
                subscriber = new { subscriber.Email, subscriber.Language, subscriber.CreatedAt, subscriber.LastConfirmationMailAt },
                subscriptions = subscriber.Subscriptions.Select(s => new
                {
                    newsletter = s.Newsletter.Key,
                    status = s.Status.ToString(),
                    grant = s.Grant.ToString(),
                    source = s.Source.ToString(),
                    s.CreatedAt,
                    s.ConfirmedAt,
                    s.UnsubscribedAt,
                    consentRecords = s.ConsentRecords.Select(c => new { c.GivenAt, c.Text, c.TextVersion, c.Language, c.PageUrl, c.ConfirmedAt, c.WithdrawnAt }),
                }),
                votes,
                mails,
                deliveries,
                signIns,
            };
            await audit.RecordAsync(query.Actor, AuditActions.SubscriberDataExported, $"subscriber {id}", cancellationToken);
            return JsonSerializer.Serialize(data, Json);
        }
    }
}
