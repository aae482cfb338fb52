using Gaceta.Mail;
using Gaceta.Subscribers;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Data;

/// <summary>
/// Brings stored addresses to their canonical form (<see cref="EmailAddress"/>) and merges the subscribers that
/// turn out to be one person spelt twice, losing nothing: the survivor is the canonical row (else the oldest), and
/// it takes over every subscription, consent record, delivery and sign-in link of the others. Where both had a
/// subscription to the same newsletter, the consent records and deliveries join the survivor's subscription; a
/// confirmation outweighs an unconfirmed request, and between leaving and staying the later decision stands. Staff accounts are rewritten the same way.
/// Idempotent and cheap when there is nothing to do: only addresses that cannot already be canonical are read.
/// </summary>
/// <remarks>
/// Keyed hashes made from old spellings (votes, suppressions) cannot be recomputed, since the addresses behind
/// them were never stored; new votes and suppressions use the canonical form.
/// </remarks>
public sealed class CanonicalEmailUpgrade(GacetaDb db)
{
    /// <returns>How many rows were rewritten or merged.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var (id, stored) in await CandidatesAsync(cancellationToken))
        {
            if (EmailAddress.Recover(stored) is not { } canonical || canonical == stored)
            {
                continue;
            }

            changed += await MergeAsync(id, canonical, cancellationToken);
        }

        changed += await UpgradeStaffAsync(cancellationToken);
        return changed;
    }

    // A canonical address is lower case and has an ASCII domain; anything with other characters may need work.
    private async Task<List<(int Id, string Email)>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var rows = db.Database.IsNpgsql()
            ? db.Subscribers.FromSqlRaw("""SELECT * FROM "Subscribers" WHERE "Email" ~ '[^a-z0-9.@_+-]' """)
            : db.Subscribers.FromSqlRaw("""SELECT * FROM "Subscribers" WHERE "Email" GLOB '*[^a-z0-9.@_+-]*'""");
        return (await rows.AsNoTracking().Select(s => new { s.Id, s.Email }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, s.Email))
            .ToList();
    }

    private async Task<int> MergeAsync(int id, string canonical, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var twins = await db.Subscribers.AsNoTracking()
            .Include(s => s.Subscriptions)
            .Where(s => s.Id == id || s.Email == canonical)
            .OrderBy(s => s.Email == canonical ? 0 : 1).ThenBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var survivor = twins[0];
        foreach (var twin in twins.Skip(1))
        {
            foreach (var subscription in twin.Subscriptions)
            {
                var kept = survivor.Subscriptions.Find(s => s.NewsletterId == subscription.NewsletterId);
                if (kept is null)
                {
                    await db.Subscriptions.Where(s => s.Id == subscription.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.SubscriberId, survivor.Id), cancellationToken);
                    survivor.Subscriptions.Add(subscription);
                    continue;
                }

                await JoinAsync(subscription, kept, cancellationToken);
            }

            await db.SignInLinks.Where(l => l.SubscriberId == twin.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.SubscriberId, survivor.Id), cancellationToken);
            var lastMail = new[] { survivor.LastConfirmationMailAt, twin.LastConfirmationMailAt }.Max();
            await db.Subscribers.Where(s => s.Id == survivor.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastConfirmationMailAt, lastMail), cancellationToken);
            await db.Subscribers.Where(s => s.Id == twin.Id).ExecuteDeleteAsync(cancellationToken);
        }

        // The survivor may itself be the odd spelling (no canonical row existed): it takes the canonical form.
        await db.Subscribers.Where(s => s.Id == survivor.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Email, canonical), cancellationToken);
        var ids = twins.SelectMany(t => t.Subscriptions).Select(s => s.Id).ToList();
        await db.Deliveries.Where(d => ids.Contains(d.SubscriptionId))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Email, canonical), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return twins.Count;
    }

    /// <summary>Moves <paramref name="from"/>'s history onto <paramref name="into"/>, then removes it.</summary>
    private async Task JoinAsync(Subscription from, Subscription into, CancellationToken cancellationToken)
    {
        // Consent records are append-only to the model; moving them to the survivor is the one rewrite allowed.
        await db.ConsentRecords.Where(c => c.SubscriptionId == from.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.SubscriptionId, into.Id), cancellationToken);
        var editionsKept = db.Deliveries.Where(d => d.SubscriptionId == into.Id).Select(d => d.EditionId);
        await db.Deliveries.Where(d => d.SubscriptionId == from.Id && !editionsKept.Contains(d.EditionId))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.SubscriptionId, into.Id), cancellationToken);

        if (Supersedes(from, into))
        {
            await db.Subscriptions.Where(s => s.Id == into.Id).ExecuteUpdateAsync(
                s => s.SetProperty(x => x.Status, from.Status)
                    .SetProperty(x => x.Grant, from.Grant)
                    .SetProperty(x => x.ConfirmedAt, from.ConfirmedAt)
                    .SetProperty(x => x.UnsubscribedAt, from.UnsubscribedAt),
                cancellationToken);
        }

        // What is left of it is a copy of an edition the survivor also received.
        await db.Subscriptions.Where(s => s.Id == from.Id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Whether <paramref name="a"/>'s state should stand over <paramref name="b"/>'s: a confirmation outweighs a
    /// request still unconfirmed; between leaving and staying, the later decision stands.
    /// </summary>
    private static bool Supersedes(Subscription a, Subscription b) => (a.Status, b.Status) switch
    {
        _ when a.Status == b.Status => false,
        (SubscriptionStatus.Active, SubscriptionStatus.Pending) => true,
        (SubscriptionStatus.Pending, SubscriptionStatus.Active) => false,
        _ => LastDecision(a) > LastDecision(b),
    };

    private static DateTime LastDecision(Subscription s) =>
        new[] { s.CreatedAt, s.ConfirmedAt ?? DateTime.MinValue, s.UnsubscribedAt ?? DateTime.MinValue }.Max();

    private async Task<int> UpgradeStaffAsync(CancellationToken cancellationToken)
    {
        var changed = 0;
        var staff = await db.Users.Select(u => new { u.Id, u.Email, u.UserName }).ToListAsync(cancellationToken);
        var taken = staff.Select(u => u.Email).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var member in staff)
        {
            if (member.Email is null || EmailAddress.Recover(member.Email) is not { } canonical
                || (canonical == member.Email && canonical == member.UserName) || (canonical != member.Email && taken.Contains(canonical)))
            {
                // Two accounts for one address are left for an administrator to decide on.
                continue;
            }

            var normalized = canonical.ToUpperInvariant();
            changed += await db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(
                s => s.SetProperty(u => u.Email, canonical)
                    .SetProperty(u => u.UserName, canonical)
                    .SetProperty(u => u.NormalizedEmail, normalized)
                    .SetProperty(u => u.NormalizedUserName, normalized),
                cancellationToken);
            taken.Add(canonical);
        }

        return changed;
    }
}
