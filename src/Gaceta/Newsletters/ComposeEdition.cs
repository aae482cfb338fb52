using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Newsletters;

/// <summary>
/// Staff compose an edition: the newsletter, the stories in order, a subject and intro per language. A draft can
/// be changed freely; once scheduled it can still be changed until it starts sending.
/// </summary>
public static class ComposeEdition
{
    public sealed record Text(string? Subject, string? Intro);

    /// <param name="Version">The version the form was filled from; 0 for a new edition.</param>
    /// <param name="ScheduleAt">Set to schedule the edition for that time (UTC); null keeps it a draft.</param>
    public sealed record Command(int? EditionId, int Version, int NewsletterId, IReadOnlyList<int> StoryIds, IReadOnlyDictionary<string, Text> Texts, DateTime? ScheduleAt, Actor Actor);

    public enum Outcome
    {
        Saved,
        Invalid,
        Conflict,
        NotFound,
    }

    public sealed record Result(Outcome Outcome, int EditionId, IReadOnlyDictionary<string, string> Errors);

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages, AuditLog audit)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            Edition? edition = null;
            if (command.EditionId is { } id)
            {
                edition = await db.Editions.Include(e => e.Stories).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                if (edition is null)
                {
                    return new Result(Outcome.NotFound, 0, new Dictionary<string, string>());
                }

                if (edition.Version != command.Version || edition.Status is not (EditionStatus.Draft or EditionStatus.Scheduled or EditionStatus.Overdue))
                {
                    return new Result(Outcome.Conflict, edition.Id, new Dictionary<string, string>());
                }

                db.Entry(edition).Property(e => e.Version).OriginalValue = command.Version;
            }

            var errors = new Dictionary<string, string>();
            if (!await db.Newsletters.AnyAsync(n => n.Id == command.NewsletterId, cancellationToken))
            {
                errors["NewsletterId"] = EditionErrors.NewsletterRequired;
            }

            var storyIds = command.StoryIds.Distinct().ToList();
            if (storyIds.Count == 0)
            {
                errors["Stories"] = EditionErrors.StoriesRequired;
            }
            else if (await db.Articles.Where(a => storyIds.Contains(a.StoryId) && a.Status == ArticleStatus.Published).Select(a => a.StoryId).Distinct().CountAsync(cancellationToken) != storyIds.Count)
            {
                errors["Stories"] = EditionErrors.StoriesPublished;
            }

            foreach (var language in languages.All)
            {
                var text = command.Texts.GetValueOrDefault(language.Code);
                if (string.IsNullOrWhiteSpace(text?.Subject) || text.Subject.Trim().Length > 200)
                {
                    errors[$"Subject-{language.Code}"] = EditionErrors.SubjectRequired;
                }

                if (text?.Intro?.Length > 10_000)
                {
                    errors[$"Intro-{language.Code}"] = EditionErrors.IntroTooLong;
                }
            }

            if (command.ScheduleAt is { } at && at <= clock.UtcNow)
            {
                errors["ScheduleAt"] = EditionErrors.ScheduleInPast;
            }

            if (errors.Count > 0)
            {
                return new Result(Outcome.Invalid, edition?.Id ?? 0, errors);
            }

            var isNew = edition is null;
            edition ??= db.Editions.Add(new Edition { CreatedAt = clock.UtcNow }).Entity;
            edition.NewsletterId = command.NewsletterId;
            edition.Status = command.ScheduleAt is null ? EditionStatus.Draft : EditionStatus.Scheduled;
            edition.ScheduledAt = command.ScheduleAt;
            edition.Version++;
            edition.Stories.Clear();
            edition.Stories.AddRange(storyIds.Select((s, i) => new EditionStory { StoryId = s, Position = i }));
            foreach (var language in languages.All)
            {
                var text = command.Texts[language.Code];
                var existing = edition.Texts.Find(t => t.Language == language.Code);
                if (existing is null)
                {
                    edition.Texts.Add(new EditionText { Language = language.Code, Subject = text.Subject!.Trim(), Intro = text.Intro?.Trim() ?? string.Empty });
                }
                else
                {
                    existing.Subject = text.Subject!.Trim();
                    existing.Intro = text.Intro?.Trim() ?? string.Empty;
                }
            }

            audit.Add(command.Actor, isNew ? AuditActions.EditionCreated : AuditActions.EditionUpdated, $"edition {(isNew ? "new" : edition.Id)}{(command.ScheduleAt is { } when ? $", scheduled {when:u}" : string.Empty)}");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result(Outcome.Conflict, edition.Id, new Dictionary<string, string>());
            }

            return new Result(Outcome.Saved, edition.Id, new Dictionary<string, string>());
        }
    }
}

/// <summary>What the edition editor says about bad input, in English; the staff area translates each.</summary>
public static class EditionErrors
{
    public const string NewsletterRequired = "Choose the newsletter.";
    public const string StoriesRequired = "Choose at least one story.";
    public const string StoriesPublished = "Choose published stories only.";
    public const string SubjectRequired = "Write the subject in this language (200 characters at most).";
    public const string IntroTooLong = "The intro is too long (10,000 characters at most).";
    public const string ScheduleInPast = "Choose a sending time in the future.";
}
