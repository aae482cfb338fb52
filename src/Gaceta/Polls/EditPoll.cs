using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Polls;

/// <summary>
/// Creates or edits a poll: its key, texts in every language, answers, open and close times, and the newsletter it
/// may offer with the consent text readers agree to. A changed consent text is a new version; old versions stay,
/// because consent records point at them.
/// </summary>
public static class EditPoll
{
    /// <summary>One answer; <paramref name="Id"/> is null for a new one. All texts empty removes it.</summary>
    public sealed record OptionInput(int? Id, IReadOnlyDictionary<string, string?> Texts);

    /// <param name="Version">The poll version the form was filled from (0 for a new poll).</param>
    public sealed record Command(
        int? PollId,
        int Version,
        string Key,
        DateTime? OpensAt,
        DateTime? ClosesAt,
        int? NewsletterId,
        IReadOnlyDictionary<string, string?> Questions,
        IReadOnlyList<OptionInput> Options,
        IReadOnlyDictionary<string, string?> ConsentTexts,
        Actor Actor);

    public enum Outcome
    {
        Saved,
        Invalid,
        Conflict,
        NotFound,
    }

    /// <param name="Errors">Field → message (one of <see cref="PollErrors"/>).</param>
    public sealed record Result(Outcome Outcome, int PollId, IReadOnlyDictionary<string, string> Errors);

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages, AuditLog audit, Changes.ChangeFeed changes)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            Poll? poll = null;
            if (command.PollId is { } id)
            {
                poll = await db.Polls.Include(p => p.Options).Include(p => p.ConsentTexts).AsSplitQuery()
                    .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
                if (poll is null)
                {
                    return new Result(Outcome.NotFound, 0, new Dictionary<string, string>());
                }

                if (poll.Version != command.Version)
                {
                    return new Result(Outcome.Conflict, poll.Id, new Dictionary<string, string>());
                }

                // The stored version must still be the one the form was filled from when the row is written.
                db.Entry(poll).Property(p => p.Version).OriginalValue = command.Version;
            }

            var options = command.Options.Where(o => o.Texts.Values.Any(t => !string.IsNullOrWhiteSpace(t))).ToList();
            var errors = await ValidateAsync(command, poll, options, cancellationToken);
            if (errors.Count > 0)
            {
                return new Result(Outcome.Invalid, poll?.Id ?? 0, errors);
            }

            var now = clock.UtcNow;
            var isNew = poll is null;
            poll ??= db.Polls.Add(new Poll { Key = command.Key.Trim(), CreatedAt = now }).Entity;
            poll.Key = command.Key.Trim();
            poll.Version++;
            poll.OpensAt = command.OpensAt;
            poll.ClosesAt = command.ClosesAt;
            poll.NewsletterId = command.NewsletterId;
            foreach (var language in languages.All)
            {
                SetText(poll.Questions, language.Code, command.Questions[language.Code]!, (l, t) => new PollQuestion { Language = l, Text = t }, q => q.Language, (q, t) => q.Text = t);
            }

            var kept = options.Where(o => o.Id is not null).Select(o => o.Id!.Value).ToHashSet();
            poll.Options.RemoveAll(o => !kept.Contains(o.Id));
            for (var i = 0; i < options.Count; i++)
            {
                var input = options[i];
                var option = input.Id is { } optionId ? poll.Options.Single(o => o.Id == optionId) : null;
                if (option is null)
                {
                    option = new PollOption();
                    poll.Options.Add(option);
                }

                option.Position = i;
                foreach (var language in languages.All)
                {
                    SetText(option.Texts, language.Code, input.Texts[language.Code]!, (l, t) => new PollOptionText { Language = l, Text = t }, o => o.Language, (o, t) => o.Text = t);
                }
            }

            if (command.NewsletterId is not null)
            {
                foreach (var language in languages.All)
                {
                    var text = command.ConsentTexts[language.Code]!.Trim();
                    var current = poll.ConsentTexts.Where(c => c.Language == language.Code).MaxBy(c => c.Version);
                    if (current?.Text != text)
                    {
                        poll.ConsentTexts.Add(new ConsentText { Language = language.Code, Text = text, Version = (current?.Version ?? 0) + 1, CreatedAt = now });
                    }
                }
            }

            audit.Add(command.Actor, isNew ? AuditActions.PollCreated : AuditActions.PollUpdated, $"poll {poll.Key}");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result(Outcome.Conflict, poll.Id, new Dictionary<string, string>());
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                return new Result(Outcome.Invalid, poll.Id, new Dictionary<string, string> { ["Key"] = PollErrors.KeyTaken });
            }

            // The poll's form and results show wherever it is embedded: those pages carry its tag.
            await changes.AnnounceAsync(new Changes.PollChanged(poll.Id), cancellationToken);
            return new Result(Outcome.Saved, poll.Id, new Dictionary<string, string>());
        }

        /// <summary>Owned per-language texts are changed in place: replacing them would clash with the tracked rows.</summary>
        private static void SetText<T>(List<T> texts, string language, string text, Func<string, string, T> create, Func<T, string> languageOf, Action<T, string> set)
        {
            var existing = texts.Find(t => languageOf(t) == language);
            if (existing is null)
            {
                texts.Add(create(language, text.Trim()));
            }
            else
            {
                set(existing, text.Trim());
            }
        }

        private async Task<Dictionary<string, string>> ValidateAsync(Command command, Poll? poll, List<OptionInput> options, CancellationToken cancellationToken)
        {
            var errors = new Dictionary<string, string>();
            var key = command.Key?.Trim() ?? string.Empty;
            if (!Slugs.IsValid(key))
            {
                errors["Key"] = PollErrors.KeyInvalid;
            }
            else if (await db.Polls.AnyAsync(p => p.Key == key && p.Id != (poll == null ? 0 : poll.Id), cancellationToken))
            {
                errors["Key"] = PollErrors.KeyTaken;
            }

            foreach (var language in languages.All)
            {
                var question = command.Questions.GetValueOrDefault(language.Code)?.Trim();
                if (string.IsNullOrEmpty(question) || question.Length > 500)
                {
                    errors[$"Question-{language.Code}"] = PollErrors.QuestionRequired;
                }

                if (command.NewsletterId is not null)
                {
                    var consent = command.ConsentTexts.GetValueOrDefault(language.Code)?.Trim();
                    if (string.IsNullOrEmpty(consent) || consent.Length > 2000)
                    {
                        errors[$"Consent-{language.Code}"] = PollErrors.ConsentRequired;
                    }
                }
            }

            if (options.Count < 2)
            {
                errors["Options"] = PollErrors.TwoOptions;
            }
            else if (options.Any(o => languages.All.Any(l => string.IsNullOrWhiteSpace(o.Texts.GetValueOrDefault(l.Code)) || o.Texts[l.Code]!.Trim().Length > 300)))
            {
                errors["Options"] = PollErrors.OptionTexts;
            }

            var existing = poll?.Options.Select(o => o.Id).ToHashSet() ?? [];
            if (options.Any(o => o.Id is { } optionId && !existing.Contains(optionId)))
            {
                errors["Options"] = PollErrors.OptionUnknown;
            }

            var removed = existing.Except(options.Where(o => o.Id is not null).Select(o => o.Id!.Value)).ToList();
            if (removed.Count > 0 && await db.Votes.AnyAsync(v => removed.Contains(v.OptionId), cancellationToken))
            {
                errors["Options"] = PollErrors.OptionHasVotes;
            }

            if (command.OpensAt is { } opens && command.ClosesAt is { } closes && closes <= opens)
            {
                errors["ClosesAt"] = PollErrors.ClosesBeforeOpening;
            }

            if (command.NewsletterId is { } newsletterId && !await db.Newsletters.AnyAsync(n => n.Id == newsletterId, cancellationToken))
            {
                errors["NewsletterId"] = PollErrors.NewsletterUnknown;
            }

            return errors;
        }
    }
}

/// <summary>What the poll editor says about bad input, in English; the staff area translates each.</summary>
public static class PollErrors
{
    public const string KeyInvalid = "Give the poll a key of lower-case letters, digits and hyphens: it goes in the embed marker.";
    public const string KeyTaken = "Another poll already uses this key.";
    public const string QuestionRequired = "Write the question in this language (500 characters at most).";
    public const string ConsentRequired = "Write the consent text readers agree to in this language (2,000 characters at most).";
    public const string TwoOptions = "Give at least two answers.";
    public const string OptionTexts = "Give every answer a text in every language (300 characters at most).";
    public const string OptionUnknown = "An answer does not belong to this poll.";
    public const string OptionHasVotes = "An answer that already has votes cannot be removed.";
    public const string ClosesBeforeOpening = "The poll must close after it opens.";
    public const string NewsletterUnknown = "Choose a newsletter from the list.";
}
