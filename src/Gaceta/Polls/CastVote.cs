using Gaceta.Data;
using Gaceta.Mail;
using Gaceta.Security;
using Gaceta.Site;
using Gaceta.Subscribers;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>
/// A reader answers a poll. The answer counts with or without an email; an email allows one vote per address;
/// ticking the newsletter box as well starts a double opt-in. Voting never depends on consent.
/// </summary>
public static class CastVote
{
    /// <summary>Submissions faster than this after the page loaded are taken for scripts.</summary>
    public const int MinimumFillMilliseconds = 1500;

    /// <param name="Answer">The chosen option's id, as posted.</param>
    /// <param name="WantsNewsletter">Whether the consent box was ticked.</param>
    /// <param name="Honeypot">The field people leave empty.</param>
    /// <param name="ElapsedMilliseconds">Time from page load to submit, when the page's script measured it.</param>
    /// <param name="PageUrl">Absolute address of the article the vote came from.</param>
    /// <param name="ClientIp">The client's address, from trusted proxies only.</param>
    /// <param name="FormToken">The signed token of the rendered form (<see cref="VoteFormTokens"/>).</param>
    public sealed record Command(
        string Language,
        string PollKey,
        string? Answer,
        string? Email,
        bool WantsNewsletter,
        string? Honeypot,
        int? ElapsedMilliseconds,
        string PageUrl,
        string ClientIp,
        string? FormToken);

    /// <param name="Results">The poll's results as the vote's own transaction left them, when it had them to hand.</param>
    public sealed record Result(VoteOutcome Outcome, PollView? Poll, IReadOnlyList<VoteError> Errors, RequestSubscription.Outcome? Subscription, PollResults? Results = null)
    {
        public static Result Of(VoteOutcome outcome, PollView? poll) => new(outcome, poll, [], null);
    }

    public sealed class Handler(
        GacetaDb db,
        SiteClock clock,
        InstallationKeys keys,
        ReadPolls.Handler polls,
        FindSubscriber.Handler subscribers,
        RequestSubscription.Handler subscriptions,
        MailOutboxSignal notifier,
        SqliteWriteGate writeGate,
        VoteFormTokens formTokens,
        VoteWriter voteWriter,
        Changes.ChangeFeed changes)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);

            // A vote is first judged by the poll this node keeps, without asking the database; its batch then checks,
            // in its own transaction, that the poll is still of that version. Every other answer (not found, closed,
            // refused, a subscription) and a vote whose poll changed meanwhile are judged again from a fresh read.
            if (await CastAsync(command, keptWillDo: true, cancellationToken) is { } result)
            {
                return result;
            }

            // A fresh read is answered unless the poll changes again between the read and the batch: try a few times.
            for (var attempt = 0; ; attempt++)
            {
                if (await CastAsync(command, keptWillDo: false, cancellationToken) is { } fresh)
                {
                    return fresh;
                }

                if (attempt == 4)
                {
                    throw new InvalidOperationException("The poll changed five times while one vote was cast.");
                }
            }
        }

        private async Task<Result?> CastAsync(Command command, bool keptWillDo, CancellationToken cancellationToken)
        {
            var found = await polls.HandleAsync(new ReadPolls.Query(command.Language, [command.PollKey], keptWillDo), cancellationToken);
            if (!found.TryGetValue(command.PollKey, out var poll))
            {
                return keptWillDo ? null : Result.Of(VoteOutcome.PollNotFound, null);
            }

            if (poll.State != PollState.Open)
            {
                return keptWillDo ? null : Result.Of(VoteOutcome.Closed, poll);
            }

            var errors = Validate(command, poll, out var optionId, out var email);
            if (errors.Count > 0)
            {
                return keptWillDo ? null : new Result(VoteOutcome.Invalid, poll, errors, null);
            }

            // What a person fixes comes first; then whether the form really came from a page, and soon enough.
            if (FormError(formTokens.Check(command.FormToken, poll.Id)) is { } formError)
            {
                return keptWillDo ? null : new Result(VoteOutcome.Invalid, poll, [formError], null);
            }

            // Bots are answered as if they had voted, so they learn nothing; only the spam count changes.
            if (!string.IsNullOrEmpty(command.Honeypot) || command.ElapsedMilliseconds is < MinimumFillMilliseconds)
            {
                await db.Polls.Where(p => p.Id == poll.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.SpamCount, p => p.SpamCount + 1), cancellationToken);
                return Result.Of(VoteOutcome.Spam, poll);
            }

            var emailHash = email is null ? null : keys.Hash("vote-email", email);
            var vote = new Vote
            {
                PollId = poll.Id,
                OptionId = optionId,
                Language = command.Language,
                EmailHash = emailHash,
                CastAt = clock.UtcNow,
            };
            var wantsNewsletter = command.WantsNewsletter && poll.Offer is not null && email is not null;
            if (wantsNewsletter && keptWillDo)
            {
                return null;
            }

            if (!wantsNewsletter)
            {
                // Most votes: stored with the others arriving at the same moment, answered once committed.
                var written = await voteWriter.WriteAsync(vote, poll.Version, cancellationToken);
                if (written.PollChanged)
                {
                    return null;
                }

                return Result.Of(written.Counted ? VoteOutcome.Counted : VoteOutcome.AlreadyVoted, poll) with
                {
                    Results = ReadPollResults.Handler.From(poll, written.Tallies),
                };
            }

            // Someone who voted before and now asks for the newsletter gets it, like anyone else: the answer on the
            // page is the same either way, so it never tells whether an address has voted.
            var alreadyVoted = await db.Votes.AnyAsync(v => v.PollId == poll.Id && v.EmailHash == emailHash, cancellationToken);
            var subscriber = await subscribers.HandleAsync(new FindSubscriber.Query(email!), cancellationToken);

            // Only writes from here on: on SQLite a transaction that read first could not take the write lock.
            using var turn = await writeGate.EnterAsync(db, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var counted = !alreadyVoted && (await VoteWriter.CountAsync(db, [vote], cancellationToken)).Count == 1;
                var subscription = await subscriptions.HandleAsync(
                    new RequestSubscription.Command(
                        email!,
                        command.Language,
                        poll.Offer!.NewsletterId,
                        poll.Offer.NewsletterNames,
                        AccessGrant.Complimentary,
                        SubscriptionSource.Poll,
                        poll.Id,
                        poll.Offer.ConsentText,
                        poll.Offer.ConsentVersion,
                        command.PageUrl,
                        keys.Hash("client-ip", command.ClientIp),
                        command.ClientIp,
                        subscriber),
                    cancellationToken);

                await transaction.CommitAsync(cancellationToken);
                notifier.Notify();
                if (counted)
                {
                    await changes.AnnounceAsync(new Changes.VotesCounted(poll.Id), cancellationToken);
                }

                return new Result(counted ? VoteOutcome.Counted : VoteOutcome.AlreadyVoted, poll, [], subscription);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // The same address subscribed in a parallel request a moment earlier.
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return Result.Of(VoteOutcome.AlreadyVoted, poll);
            }
        }

        private static VoteError? FormError(FormTokenState state) => state switch
        {
            FormTokenState.Valid => null,
            FormTokenState.TooYoung => VoteError.FormTooQuick,
            FormTokenState.TooOld => VoteError.FormExpired,
            _ => VoteError.FormUnreadable,
        };

        private static List<VoteError> Validate(Command command, PollView poll, out int optionId, out string? email)
        {
            var errors = new List<VoteError>();
            optionId = 0;
            if (string.IsNullOrWhiteSpace(command.Answer))
            {
                errors.Add(VoteError.AnswerRequired);
            }
            else if (!int.TryParse(command.Answer, out var chosen) || !poll.Options.Any(o => o.Id == chosen))
            {
                errors.Add(VoteError.AnswerUnknown);
            }
            else
            {
                optionId = chosen;
            }

            email = EmailAddress.Canonicalize(command.Email);
            if (email is null && !string.IsNullOrWhiteSpace(command.Email))
            {
                errors.Add(VoteError.EmailInvalid);
            }
            else if (email is null && command.WantsNewsletter && poll.Offer is not null)
            {
                errors.Add(VoteError.EmailRequiredForNewsletter);
            }

            return errors;
        }
    }

}

public enum VoteOutcome
{
    Counted,
    AlreadyVoted,

    /// <summary>The honeypot was filled or the form came back too fast. Answer as if counted.</summary>
    Spam,
    Invalid,
    Closed,
    PollNotFound,
}

/// <summary>What is wrong with a submission; the web host words it in the reader's language.</summary>
public enum VoteError
{
    AnswerRequired,
    AnswerUnknown,
    EmailInvalid,
    EmailRequiredForNewsletter,

    /// <summary>No form token, or one this site did not sign for this poll: the vote did not come from its form.</summary>
    FormUnreadable,

    /// <summary>Sent sooner after the form was rendered than a person fills it in.</summary>
    FormTooQuick,

    /// <summary>The form was rendered so long ago that its token has run out.</summary>
    FormExpired,
}
