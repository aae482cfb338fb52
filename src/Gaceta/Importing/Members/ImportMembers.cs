using System.Globalization;
using System.Net;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Newsletters;
using Gaceta.Security;
using Gaceta.Site;
using Gaceta.Subscribers;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Importing.Members;

/// <summary>
/// Another system's readers onto one newsletter, with their consent history as that system recorded it. A member
/// with a confirmation time arrives active, with a consent record that names the source and keeps the original
/// opt-in and confirmation times and a keyed hash of the opt-in address (never the address); one without proof
/// arrives pending and is mailed for confirmation only when asked; one who unsubscribed arrives unsubscribed and
/// is never mailed; a cleaned address goes on the suppression list. Addresses go through the one canonical form,
/// so spellings of one address merge into one reader. Each reader is written in a transaction of its own, and
/// the same files again change nothing.
/// </summary>
public static class ImportMembers
{
    /// <param name="Source">The other system, such as <c>mailchimp</c>.</param>
    /// <param name="SourceName">Its name as readers and staff know it, such as <c>Mailchimp</c>.</param>
    /// <param name="ConfirmUnproven">Mail a confirmation request to members without proof of confirmation.</param>
    /// <param name="Language">The language of members whose file does not say, when it is not the site's first.</param>
    public sealed record Command(
        string Source,
        string SourceName,
        IReadOnlyList<MemberFile> Files,
        string NewsletterKey,
        bool ConfirmUnproven,
        bool DryRun,
        Actor Actor,
        string? Language = null,
        IProgress<double>? Progress = null);

    private enum Proof
    {
        Confirmed,
        Unproven,
        Left,
        Cleaned,
    }

    public sealed class Handler(
        GacetaDb db,
        SiteLanguages languages,
        SiteClock clock,
        InstallationKeys keys,
        SuppressionList suppressions,
        AuditLog audit)
    {
        public Task<ImportReport> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var files = string.Join(", ", command.Files.Select(f => Path.GetFileName(f.Name)));
            return ImportRuns.RunAsync(db, clock, command.Source, files, command.Actor, async () => (await ImportAsync(command, cancellationToken), (string?)null), cancellationToken);
        }

        private async Task<ImportReport> ImportAsync(Command command, CancellationToken cancellationToken)
        {
            // A file that cannot be read stops the whole import before anything is written: run it again once fixed.
            if (command.Files.Where(f => f.Error is not null).Select(f => f.Error).ToList() is { Count: > 0 } errors)
            {
                return new ImportReport([], [], string.Join(Environment.NewLine, errors), command.DryRun);
            }

            var newsletter = await db.Newsletters.AsNoTracking().FirstOrDefaultAsync(n => n.Key == command.NewsletterKey, cancellationToken);
            if (newsletter is null)
            {
                var known = await db.Newsletters.AsNoTracking().OrderBy(n => n.Key).Select(n => n.Key).ToListAsync(cancellationToken);
                return new ImportReport([], [], $"No newsletter has the key \"{command.NewsletterKey}\". The keys are: {string.Join(", ", known)}.", command.DryRun);
            }

            var entries = command.Files.SelectMany(f => f.Invalid).ToList();
            var readers = new Dictionary<string, List<MemberRecord>>(StringComparer.Ordinal);
            foreach (var member in command.Files.SelectMany(f => f.Members))
            {
                if (EmailAddress.Canonicalize(member.Email) is not { } canonical)
                {
                    entries.Add(new ImportedEntry(member.Where, string.Empty, ImportOutcome.Invalid, null, ["Not an email address: nothing of the row was imported."]));
                    continue;
                }

                var key = EmailAddress.Key(canonical);
                if (!readers.TryGetValue(key, out var rows))
                {
                    readers[key] = rows = [];
                }

                rows.Add(member);
            }

            var language = languages.IsSupported(command.Language) ? command.Language! : languages.Default.Code;
            var done = 0;
            foreach (var (key, rows) in readers)
            {
                entries.Add(await ReaderAsync(key, rows, newsletter, language, command, cancellationToken));
                command.Progress?.Report(++done / (double)readers.Count);
            }

            if (!command.DryRun)
            {
                var created = entries.Count(e => e.Outcome == ImportOutcome.Created);
                audit.Add(command.Actor, AuditActions.SubscribersImported, string.Create(CultureInfo.InvariantCulture, $"{created} from {command.SourceName} into {newsletter.Key} ({readers.Count} addresses)"));
                await db.SaveChangesAsync(cancellationToken);
            }

            return new ImportReport(entries, [], null, command.DryRun);
        }

        /// <summary>One reader, from every row that spells their address, in a transaction of its own.</summary>
        private async Task<ImportedEntry> ReaderAsync(
            string key, List<MemberRecord> rows, Newsletter newsletter, string language, Command command, CancellationToken cancellationToken)
        {
            var (member, proof) = Decide(rows);
            var notes = new List<string>(member.Notes);
            if (rows.Count > 1)
            {
                var others = rows.Where(r => r != member).ToList();
                notes.Add($"The same address as {string.Join(", ", others.Take(5).Select(r => r.Where))}{(others.Count > 5 ? $" and {others.Count - 5} more" : string.Empty)}: merged into one reader.");
            }

            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var outcome = proof == Proof.Cleaned
                ? await SuppressAsync(key, member, command, cancellationToken)
                : await SubscribeAsync(key, member, proof, newsletter, language, command, notes, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (command.DryRun)
            {
                await transaction.RollbackAsync(cancellationToken);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
            return new ImportedEntry(member.Where, string.Empty, outcome, null, notes);
        }

        /// <summary>
        /// What one reader's rows say together: a cleaned address stays suppressed; otherwise the latest of leaving and
        /// opting in stands, and a confirmed row is the proof of a subscription.
        /// </summary>
        private static (MemberRecord Member, Proof Proof) Decide(List<MemberRecord> rows)
        {
            if (rows.Find(r => r.State == MemberState.Cleaned) is { } cleaned)
            {
                return (cleaned, Proof.Cleaned);
            }

            var left = rows.Where(r => r.State == MemberState.Unsubscribed).MaxBy(r => r.LeftAt ?? DateTime.MaxValue);
            var subscribed = rows.Where(r => r.State == MemberState.Subscribed).OrderBy(r => r.ConfirmedAt is null).ThenBy(r => r.ConfirmedAt ?? r.OptInAt).FirstOrDefault();
            if (left is not null && (subscribed is null || (left.LeftAt ?? DateTime.MaxValue) >= (subscribed.ConfirmedAt ?? subscribed.OptInAt ?? DateTime.MinValue)))
            {
                return (left, Proof.Left);
            }

            return (subscribed!, subscribed!.ConfirmedAt is null ? Proof.Unproven : Proof.Confirmed);
        }

        private async Task<ImportOutcome> SuppressAsync(string key, MemberRecord member, Command command, CancellationToken cancellationToken)
        {
            var hash = suppressions.HashOf(key);
            if (await db.Suppressions.AnyAsync(s => s.EmailHash == hash, cancellationToken))
            {
                return ImportOutcome.Unchanged;
            }

            var when = member.LeftAt is { } at ? " on " + at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
            db.Suppressions.Add(new Suppression { EmailHash = hash, Reason = $"Cleaned in {command.SourceName}{when}: the address bounced or refused mail.", CreatedAt = clock.UtcNow });
            return ImportOutcome.Created;
        }

        private async Task<ImportOutcome> SubscribeAsync(
            string key, MemberRecord member, Proof proof, Newsletter newsletter, string language, Command command, List<string> notes, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var subscriber = await db.Subscribers.Include(s => s.Subscriptions).ThenInclude(s => s.ConsentRecords).FirstOrDefaultAsync(s => s.Email == key, cancellationToken);
            var subscription = subscriber?.Subscriptions.Find(s => s.NewsletterId == newsletter.Id);
            if (subscription is not null)
            {
                return await ChangeAsync(subscriber!, subscription, member, proof, command, notes, now, cancellationToken);
            }

            subscriber ??= db.Subscribers.Add(new Subscriber
            {
                Email = key,
                Language = member.Language ?? language,
                CreatedAt = member.OptInAt ?? member.ConfirmedAt ?? now,
            }).Entity;
            subscription = new Subscription
            {
                NewsletterId = newsletter.Id,
                Status = proof switch { Proof.Confirmed => SubscriptionStatus.Active, Proof.Left => SubscriptionStatus.Unsubscribed, _ => SubscriptionStatus.Pending },
                Grant = newsletter.IsPremium ? AccessGrant.Complimentary : AccessGrant.Free,
                Source = SubscriptionSource.Import,
                CreatedAt = member.OptInAt ?? member.ConfirmedAt ?? now,
                ConfirmedAt = member.ConfirmedAt,
                UnsubscribedAt = proof == Proof.Left ? member.LeftAt ?? now : null,
            };
            subscriber.Subscriptions.Add(subscription);
            subscription.ConsentRecords.Add(Consent(member, subscriber.Language, command, proof == Proof.Left ? member.LeftAt ?? now : null, now));
            await db.SaveChangesAsync(cancellationToken);
            if (proof == Proof.Unproven)
            {
                await AskAsync(subscriber, subscription, command, notes, now, cancellationToken);
            }

            return ImportOutcome.Created;
        }

        /// <summary>A reader already on the newsletter here: only a step forward in the same direction is taken.</summary>
        private async Task<ImportOutcome> ChangeAsync(
            Subscriber subscriber, Subscription subscription, MemberRecord member, Proof proof, Command command, List<string> notes, DateTime now, CancellationToken cancellationToken)
        {
            switch (proof, subscription.Status)
            {
                case (Proof.Left, SubscriptionStatus.Unsubscribed):
                case (Proof.Confirmed, SubscriptionStatus.Active):
                case (Proof.Unproven, SubscriptionStatus.Active or SubscriptionStatus.Unsubscribed):
                    return ImportOutcome.Unchanged;
                case (Proof.Left, _) when member.LeftAt is { } leftAt && leftAt < subscription.CreatedAt:
                    notes.Add($"Subscribed here after leaving {command.SourceName}: left as it is.");
                    return ImportOutcome.Skipped;
                case (Proof.Left, _):
                    subscription.Unsubscribe(member.LeftAt ?? now);
                    return ImportOutcome.Updated;
                case (Proof.Confirmed, SubscriptionStatus.Unsubscribed):
                    notes.Add("Unsubscribed here: an import does not subscribe them again.");
                    return ImportOutcome.Skipped;
                case (Proof.Confirmed, _):
                    // Waiting for a confirmation here, and confirmed there: the other system's proof is kept with its times.
                    subscription.ConsentRecords.Add(Consent(member, subscriber.Language, command, null, now));
                    subscription.Status = SubscriptionStatus.Active;
                    subscription.ConfirmedAt = member.ConfirmedAt;
                    return ImportOutcome.Updated;
                default:
                    return await AskAsync(subscriber, subscription, command, notes, now, cancellationToken) ? ImportOutcome.Updated : ImportOutcome.Unchanged;
            }
        }

        /// <summary>
        /// Asks for a pending reader's confirmation mail when the operator asked, once, unless the address is
        /// suppressed. The site writes the mail in the reader's language (<see cref="SendRequestedConfirmations"/>).
        /// </summary>
        private async Task<bool> AskAsync(Subscriber subscriber, Subscription subscription, Command command, List<string> notes, DateTime now, CancellationToken cancellationToken)
        {
            if (!command.ConfirmUnproven)
            {
                if (subscriber.LastConfirmationMailAt is null && subscription.ConfirmationRequestedAt is null)
                {
                    notes.Add("No proof of confirmation: pending, and not mailed (give --confirm-unproven to ask them).");
                }

                return false;
            }

            if (subscriber.LastConfirmationMailAt is not null || subscription.ConfirmationRequestedAt is not null)
            {
                return false;
            }

            if (await suppressions.ContainsAsync(db, subscriber.Email, cancellationToken))
            {
                notes.Add("No proof of confirmation, and the address is on the suppression list: pending, not mailed.");
                return false;
            }

            subscription.ConfirmationRequestedAt = now;
            notes.Add("No proof of confirmation: pending, and asked to confirm by mail.");
            return true;
        }

        /// <summary>The other system's record of consent, kept as it recorded it: source, times, and the opt-in address only as a keyed hash.</summary>
        private ConsentRecord Consent(MemberRecord member, string language, Command command, DateTime? withdrawnAt, DateTime now)
        {
            static string Time(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "not recorded";
            var text = $"Consent recorded by {command.SourceName} and imported on {Time(now)}: opted in {Time(member.OptInAt)}, confirmed {Time(member.ConfirmedAt)}"
                + (withdrawnAt is { } left ? $", unsubscribed {Time(left)}" : string.Empty)
                + ". The wording the reader agreed to there is not part of the export.";
            var page = $"import:{command.Source}:{Path.GetFileName(member.File)}#line-{member.Line.ToString(CultureInfo.InvariantCulture)}";
            return new ConsentRecord
            {
                GivenAt = member.OptInAt ?? member.ConfirmedAt ?? now,
                Text = text,
                TextVersion = 0,
                Language = language,
                PageUrl = page.Length <= 2000 ? page : page[..2000],
                IpHash = member.OptInIp is { } ip && IPAddress.TryParse(ip, out var address) ? keys.Hash("client-ip", address.ToString()) : string.Empty,
                ConfirmedAt = member.ConfirmedAt,
                WithdrawnAt = withdrawnAt,
            };
        }
    }
}
