using System.Globalization;
using System.Text;
using System.Text.Json;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Security;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Subscribers;

/// <summary>
/// Subscribers as the staff area sees them: a filtered list, a CSV export, and for one person everything held
/// about them (GDPR art. 15) and their erasure (art. 17).
/// </summary>
public static class SubscriberAdministration
{
    public const int PageSize = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <param name="Search">Part of an address.</param>
    public sealed record Filter(string? Search, string? Newsletter, SubscriptionStatus? Status, string? Language, int Page = 1);

    public sealed record Row(int Id, string Email, string Language, DateTime CreatedAt, IReadOnlyList<SubscriptionView> Subscriptions);

    public sealed record SubscriptionView(string Newsletter, SubscriptionStatus Status, AccessGrant Grant, SubscriptionSource Source, DateTime CreatedAt, DateTime? ConfirmedAt, DateTime? UnsubscribedAt);

    public sealed record Page(IReadOnlyList<Row> Rows, int Number, bool HasNext, int Total);

    public enum AccessOutcome
    {
        /// <summary>The subscription's grant changed.</summary>
        Changed,

        /// <summary>The grant was already this (or there was nothing to take away).</summary>
        Unchanged,

        /// <summary>No subscription yet: one is waiting, with the grant, for the subscriber to confirm by the link just mailed.</summary>
        ConfirmationSent,

        NotFound,

        /// <summary>Access is given to premium newsletters only; free ones are open to all.</summary>
        NotPremium,
    }

    public sealed class Handler(
        GacetaDb db,
        InstallationKeys keys,
        SiteClock clock,
        AuditLog audit,
        RequestSubscription.Handler requests,
        MailOutboxSignal outbox,
        SqliteWriteGate writeGate,
        Microsoft.Extensions.Options.IOptions<MailOptions> mailOptions)
    {
        public async Task<Page> ListAsync(Filter filter, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(filter);
            var query = Filtered(filter);
            var total = await query.CountAsync(cancellationToken);
            var number = Math.Clamp(filter.Page, 1, 100_000);
            var rows = await ToRows(query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Skip((number - 1) * PageSize).Take(PageSize + 1), cancellationToken);
            return new Page(rows.Take(PageSize).ToList(), number, rows.Count > PageSize, total);
        }

        /// <summary>The filtered subscribers, one line per subscription, with where their consent came from.</summary>
        public async Task<string> ExportCsvAsync(Filter filter, Actor actor, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(filter);
            var rows = await ToRows(Filtered(filter).OrderBy(s => s.Id), cancellationToken);
            var csv = new StringBuilder("email,language,newsletter,status,grant,source,subscribed_at_utc,confirmed_at_utc,unsubscribed_at_utc\r\n");
            foreach (var row in rows)
            {
                foreach (var s in row.Subscriptions.Where(s => filter.Newsletter is null || s.Newsletter == filter.Newsletter))
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{Csv.Field(row.Email)},{row.Language},{Csv.Field(s.Newsletter)},{s.Status},{s.Grant},{s.Source},{Iso(s.CreatedAt)},{Iso(s.ConfirmedAt)},{Iso(s.UnsubscribedAt)}\r\n");
                }
            }

            await audit.RecordAsync(actor, AuditActions.SubscribersExported, $"{rows.Count} subscribers", cancellationToken);
            return csv.ToString();
        }

        public async Task<Row?> FindAsync(int id, CancellationToken cancellationToken) =>
            (await ToRows(db.Subscribers.Where(s => s.Id == id), cancellationToken)).FirstOrDefault();

        /// <summary>
        /// Everything held about one subscriber, as JSON: the account, subscriptions, consent records, mails, votes,
        /// newsletter deliveries and sign-in history.
        /// </summary>
        public async Task<string?> ExportDataAsync(int id, Actor actor, CancellationToken cancellationToken)
        {
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
            await audit.RecordAsync(actor, AuditActions.SubscriberDataExported, $"subscriber {id}", cancellationToken);
            return JsonSerializer.Serialize(data, Json);
        }

        /// <summary>
        /// Erases a subscriber: the address, subscriptions, consent records and mails go; their votes stay counted
        /// but lose the address hash. What stays is the bare fact of each subscription and its withdrawal, with
        /// dates and no identity (<see cref="ErasedSubscription"/>), and an audit entry naming the row id only.
        /// </summary>
        public async Task<bool> EraseAsync(int id, Actor actor, CancellationToken cancellationToken)
        {
            var subscriber = await db.Subscribers.Include(s => s.Subscriptions).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (subscriber is null)
            {
                return false;
            }

            var now = clock.UtcNow;
            var hash = keys.Hash("vote-email", subscriber.Email);
            var subscriptionIds = subscriber.Subscriptions.Select(s => s.Id).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.ErasedSubscriptions.AddRange(subscriber.Subscriptions.Select(s => new ErasedSubscription
            {
                NewsletterId = s.NewsletterId,
                SubscribedAt = s.CreatedAt,
                WithdrawnAt = s.UnsubscribedAt ?? now,
                ErasedAt = now,
            }));
            audit.Add(actor, AuditActions.SubscriberErased, $"subscriber {id}");
            await db.SaveChangesAsync(cancellationToken);

            // Consent records are otherwise append-only (GacetaDb refuses to delete them); erasure is the one
            // lawful exception, so it deletes them in the database directly, past that guard.
            await db.ConsentRecords.Where(c => subscriptionIds.Contains(c.SubscriptionId)).ExecuteDeleteAsync(cancellationToken);
            await db.Subscriptions.Where(s => s.SubscriberId == id).ExecuteDeleteAsync(cancellationToken);
            await db.OutboundMails.Where(m => m.Recipient == subscriber.Email).ExecuteDeleteAsync(cancellationToken);
            await db.Votes.Where(v => v.EmailHash == hash).ExecuteUpdateAsync(s => s.SetProperty(v => v.EmailHash, (string?)null), cancellationToken);
            await db.Subscribers.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            // Without a relay, the mails sent to the address are files on disk: they go too.
            PickupDirectoryMailTransport.Forget(mailOptions.Value, subscriber.Email);
            return true;
        }

        /// <summary>
        /// Gives a premium newsletter's access (<see cref="AccessGrant.Complimentary"/> or <see cref="AccessGrant.Paid"/>)
        /// or takes it away (<see cref="AccessGrant.Free"/>). Access is not consent: a subscriber without a
        /// subscription to the newsletter gets a pending one with the grant and a confirmation mail, and receives
        /// nothing until they confirm. Each change is audited.
        /// </summary>
        public async Task<AccessOutcome> SetAccessAsync(int id, int newsletterId, AccessGrant grant, Actor actor, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(actor);
            var newsletter = await db.Newsletters.AsNoTracking().FirstOrDefaultAsync(n => n.Id == newsletterId, cancellationToken);
            var subscriber = await db.Subscribers.Include(s => s.Subscriptions).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (newsletter is null || subscriber is null)
            {
                return AccessOutcome.NotFound;
            }

            if (!newsletter.IsPremium)
            {
                return AccessOutcome.NotPremium;
            }

            var subject = string.Create(CultureInfo.InvariantCulture, $"subscriber {id}: {newsletter.Key} {grant}");
            var subscription = subscriber.Subscriptions.Find(s => s.NewsletterId == newsletterId);
            if (subscription is not null || grant == AccessGrant.Free)
            {
                if (subscription is null || subscription.Grant == grant)
                {
                    return AccessOutcome.Unchanged;
                }

                subscription.Grant = grant;
                audit.Add(actor, AuditActions.SubscriberAccessChanged, subject);
                using var saving = await writeGate.EnterAsync(db, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return AccessOutcome.Changed;
            }

            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await requests.HandleAsync(
                new RequestSubscription.Command(
                    subscriber.Email,
                    subscriber.Language,
                    newsletter.Id,
                    newsletter.Names.ToDictionary(n => n.Language, n => n.Name),
                    grant,
                    SubscriptionSource.Staff,
                    null,
                    string.Create(CultureInfo.InvariantCulture, $"{grant} access given by {actor.Name}; the subscriber confirms by the emailed link."),
                    0,
                    string.Create(CultureInfo.InvariantCulture, $"staff:/admin/subscribers/{id}"),
                    string.Empty,
                    null,
                    subscriber),
                cancellationToken);
            audit.Add(actor, AuditActions.SubscriberAccessChanged, subject);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outbox.Notify();
            return AccessOutcome.ConfirmationSent;
        }

        private IQueryable<Subscriber> Filtered(Filter filter)
        {
            var query = db.Subscribers.AsNoTracking();
            if (filter.Search?.Trim().ToLowerInvariant() is { Length: > 0 } search)
            {
                query = query.Where(s => s.Email.Contains(search));
            }

            if (filter.Language is { Length: > 0 } language)
            {
                query = query.Where(s => s.Language == language);
            }

            if (filter.Newsletter is { Length: > 0 } || filter.Status is not null)
            {
                query = query.Where(s => s.Subscriptions.Any(x =>
                    (filter.Newsletter == null || x.Newsletter.Key == filter.Newsletter) && (filter.Status == null || x.Status == filter.Status)));
            }

            return query;
        }

        private static async Task<List<Row>> ToRows(IQueryable<Subscriber> query, CancellationToken cancellationToken) =>
            await query.Select(s => new Row(
                    s.Id,
                    s.Email,
                    s.Language,
                    s.CreatedAt,
                    s.Subscriptions.Select(x => new SubscriptionView(x.Newsletter.Key, x.Status, x.Grant, x.Source, x.CreatedAt, x.ConfirmedAt, x.UnsubscribedAt)).ToList()))
                .ToListAsync(cancellationToken);

        private static string Iso(DateTime? utc) =>
            utc is { } at ? IsoDates.Of(at) : string.Empty;
    }
}
