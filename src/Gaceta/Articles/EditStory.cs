using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Gaceta.Staff;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Articles;

/// <summary>
/// The story editor: one language version of a story with the story's own fields, saved as a draft, published
/// now, scheduled or unpublished. Every save that changes the text is a revision; a save made from an older
/// version than the stored one is refused as a conflict instead of overwriting someone else's work.
/// </summary>
public static class EditStory
{
    /// <summary>The story's own fields, the same in every language.</summary>
    /// <param name="LeadMediaId">A photo from the library as the lead image; it takes the place of <paramref name="ImageUrl"/>.</param>
    public sealed record StoryFields(int SectionId, IReadOnlyList<int> AuthorIds, string? WireCredit, string? ImageUrl, string? ImageCredit, int? LeadMediaId = null);

    /// <summary>One language version's fields.</summary>
    public sealed record ArticleFields(string Headline, string Standfirst, string? Slug, string Body, string? ImageAlt);

    public enum Intent
    {
        /// <summary>Save without changing whether readers see it. A published article's readers see the change.</summary>
        Save,
        Publish,
        Schedule,
        Unpublish,
    }

    /// <param name="StoryId">Null to create a new story with its first article.</param>
    /// <param name="StoryVersion">The story version the form was filled from.</param>
    /// <param name="ArticleVersion">The article version the form was filled from.</param>
    /// <param name="FirstPublishedAt">
    /// For an article brought from another system: when it was first published there, so a first publication here
    /// keeps that date (and the address built on it). Never later than now.
    /// </param>
    public sealed record Command(
        int? StoryId,
        string Language,
        int StoryVersion,
        int ArticleVersion,
        StoryFields Story,
        ArticleFields Article,
        Intent Intent,
        DateTime? ScheduleAt,
        Actor Actor,
        DateTime? FirstPublishedAt = null);

    public enum Outcome
    {
        Saved,
        Invalid,
        Conflict,
        Forbidden,
        NotFound,
    }

    /// <param name="Errors">Field name → message (one of <see cref="NewsroomErrors"/>) when invalid.</param>
    /// <param name="Change">The reader pages to evict, when readers could see the change.</param>
    /// <param name="Saved">After a save: the versions the next change must name, and the article's status.</param>
    public sealed record Result(Outcome Outcome, int StoryId, IReadOnlyDictionary<string, string> Errors, ReaderChange? Change, SavedVersions? Saved = null)
    {
        public static Result Of(Outcome outcome) => new(outcome, 0, new Dictionary<string, string>(), null);
    }

    public sealed record SavedVersions(int StoryVersion, int ArticleVersion, ArticleStatus Status);

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages, AuditLog audit, Changes.ChangeFeed changes)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var actor = command.Actor;
            if (!languages.IsSupported(command.Language))
            {
                return Result.Of(Outcome.NotFound);
            }

            Story story;
            if (command.StoryId is { } storyId)
            {
                var found = await db.Stories.Include(s => s.Articles).Include(s => s.Authors).AsSplitQuery()
                    .FirstOrDefaultAsync(s => s.Id == storyId, cancellationToken);
                if (found?.ArticleIn(command.Language) is null)
                {
                    return Result.Of(Outcome.NotFound);
                }

                story = found;
            }
            else
            {
                if (!actor.CanCreateStories())
                {
                    return Result.Of(Outcome.Forbidden);
                }

                story = new Story { CreatedAt = clock.UtcNow, OwnerId = actor.Id };
            }

            var isNew = command.StoryId is null;
            var article = story.ArticleIn(command.Language);
            if ((!isNew && !actor.CanEditArticle(story, article!)) || (command.Intent != Intent.Save && !actor.CanPublish()))
            {
                return Result.Of(Outcome.Forbidden);
            }

            var editStory = isNew || actor.CanEditStoryFields(story);
            if (!isNew && (article!.Version != command.ArticleVersion || (editStory && story.Version != command.StoryVersion)))
            {
                return new Result(Outcome.Conflict, story.Id, new Dictionary<string, string>(), null);
            }

            var errors = await ValidateAsync(command, story, article, editStory, cancellationToken);
            if (errors.Count > 0)
            {
                return new Result(Outcome.Invalid, story.Id, errors, null);
            }

            var now = clock.UtcNow;
            var visibleBefore = story.Articles.Any(a => a.IsVisibleAt(now));
            var sectionsBefore = isNew ? [] : new[] { story.SectionId };
            var authorsBefore = story.Authors.Select(a => a.AuthorId).ToList();

            var storyChanged = editStory && StoryFieldsApplied.ApplyStoryFields(story, command.Story);

            if (article is null)
            {
                article = new Article
                {
                    Language = command.Language,
                    Headline = string.Empty,
                    Standfirst = string.Empty,
                    Slug = string.Empty,
                    Body = string.Empty,
                    CreatedAt = now,
                };
                story.Articles.Add(article);
                db.Stories.Add(story);
            }
            else
            {
                // The stored version must still be the one the form was filled from when the row is written.
                db.Entry(article).Property(a => a.Version).OriginalValue = command.ArticleVersion;
                if (editStory)
                {
                    db.Entry(story).Property(s => s.Version).OriginalValue = command.StoryVersion;
                }
            }

            var slug = await SlugForAsync(command, article, cancellationToken);
            // A published article's old address keeps working: it answers 301 to the new one.
            if (article.Slug.Length > 0 && slug != article.Slug && article.PublishedAt is { } publishedAt && article.Status == ArticleStatus.Published)
            {
                await Redirects.RecordRedirects.AddAsync(db, [ArticlePaths.Article(article.Language, publishedAt, article.Slug)], story.Id, article.Language, Redirects.RedirectOrigins.Slug, now, cancellationToken);
            }

            var textChanged = StoryFieldsApplied.ApplyArticleFields(article, command.Article, slug);
            if (textChanged)
            {
                article.Revision++;
                article.Revisions.Add(ArticleRevision.Of(article, now, actor));
                if (article.Status == ArticleStatus.Published && command.Intent != Intent.Unpublish)
                {
                    article.RevisedAt = now;
                }
            }

            StoryFieldsApplied.ApplyIntent(article, command, now);
            article.UpdatedAt = now;
            article.Version++;
            // Only a change to the story's own fields moves its version: editors of other languages are not in conflict.
            if (storyChanged && !isNew)
            {
                story.Version++;
            }

            void Audit()
            {
                var subject = $"story {story.Id} ({article.Language}): {article.Headline}";
                if (isNew)
                {
                    audit.Add(actor, AuditActions.StoryCreated, subject);
                }

                audit.Add(actor, command.Intent switch
                {
                    Intent.Publish => AuditActions.ArticlePublished,
                    Intent.Schedule => AuditActions.ArticleScheduled,
                    Intent.Unpublish => AuditActions.ArticleUnpublished,
                    _ => AuditActions.ArticleSaved,
                }, subject);
            }

            // A story that has its number already is audited in the same save; a new one learns it from the save.
            if (!isNew)
            {
                Audit();
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
            {
                // Nothing was saved: the entries that would have recorded it go too.
                foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(a => a.State == EntityState.Added).ToList())
                {
                    entry.State = EntityState.Detached;
                }

                return e is DbUpdateConcurrencyException
                    ? new Result(Outcome.Conflict, story.Id, new Dictionary<string, string>(), null)
                    : new Result(Outcome.Invalid, story.Id, new Dictionary<string, string> { ["Slug"] = NewsroomErrors.SlugTaken }, null);
            }

            if (isNew)
            {
                Audit();
                await db.SaveChangesAsync(cancellationToken);
            }

            var visibleAfter = story.Articles.Any(a => a.IsVisibleAt(now));
            var change = visibleBefore || visibleAfter
                ? new ReaderChange(story.Id, sectionsBefore.Append(story.SectionId).Distinct().ToList(), authorsBefore.Concat(story.Authors.Select(a => a.AuthorId)).Distinct().ToList())
                : null;
            if (change is not null)
            {
                await changes.AnnounceAsync(new Changes.StoryChanged(change), cancellationToken);
            }

            return new Result(Outcome.Saved, story.Id, new Dictionary<string, string>(), change, new SavedVersions(story.Version, article.Version, article.Status));
        }

        private async Task<Dictionary<string, string>> ValidateAsync(
            Command command, Story story, Article? article, bool editStory, CancellationToken cancellationToken)
        {
            var errors = new Dictionary<string, string>();
            var fields = command.Article;
            if (editStory)
            {
                var storyFields = command.Story;
                if (!await db.Sections.AnyAsync(s => s.Id == storyFields.SectionId, cancellationToken))
                {
                    errors["SectionId"] = NewsroomErrors.SectionRequired;
                }

                var authorIds = storyFields.AuthorIds.Distinct().ToList();
                if (await db.Authors.CountAsync(a => authorIds.Contains(a.Id), cancellationToken) != authorIds.Count)
                {
                    errors["AuthorIds"] = NewsroomErrors.AuthorUnknown;
                }

                if (storyFields.WireCredit?.Trim().Length > ArticleLimits.WireCredit)
                {
                    errors["WireCredit"] = NewsroomErrors.WireCreditTooLong;
                }

                if (storyFields.ImageUrl?.Trim().Length > ArticleLimits.ImageUrl)
                {
                    errors["ImageUrl"] = NewsroomErrors.ImageUrlTooLong;
                }
                else if (!string.IsNullOrWhiteSpace(storyFields.ImageUrl) && !IsImageAddress(storyFields.ImageUrl.Trim()))
                {
                    errors["ImageUrl"] = NewsroomErrors.ImageUrlInvalid;
                }

                if (storyFields.ImageCredit?.Trim().Length > ArticleLimits.ImageCredit)
                {
                    errors["ImageCredit"] = NewsroomErrors.ImageCreditTooLong;
                }

                if (storyFields.LeadMediaId is { } mediaId && !await db.Set<Media.MediaItem>().AnyAsync(m => m.Id == mediaId, cancellationToken))
                {
                    errors["LeadMediaId"] = NewsroomErrors.PhotoUnknown;
                }
            }

            var leadMediaId = editStory ? command.Story.LeadMediaId : story.LeadMediaId;
            var hasImage = leadMediaId is null && (editStory ? !string.IsNullOrWhiteSpace(command.Story.ImageUrl) : story.LeadImage is not null);
            // A library photo may lend its own alternative text in this language.
            if (leadMediaId is { } photo && string.IsNullOrWhiteSpace(fields.ImageAlt))
            {
                hasImage = !await db.Set<Media.MediaItem>().Where(m => m.Id == photo).AnyAsync(m => m.Texts.Any(t => t.Language == command.Language && t.Alt != string.Empty), cancellationToken);
            }
            Require(errors, "Headline", fields.Headline, ArticleLimits.Headline, NewsroomErrors.HeadlineRequired, NewsroomErrors.HeadlineTooLong);
            Require(errors, "Standfirst", fields.Standfirst, ArticleLimits.Standfirst, NewsroomErrors.StandfirstRequired, NewsroomErrors.StandfirstTooLong);
            if (string.IsNullOrWhiteSpace(fields.Body))
            {
                errors["Body"] = NewsroomErrors.BodyRequired;
            }
            else if (await BodyPhotoErrorAsync(fields.Body, command.Language, cancellationToken) is { } photoError)
            {
                errors["Body"] = photoError;
            }

            if (hasImage)
            {
                Require(errors, "ImageAlt", fields.ImageAlt, ArticleLimits.ImageAlt, NewsroomErrors.ImageAltRequired, NewsroomErrors.ImageAltTooLong);
            }

            var slug = fields.Slug?.Trim();
            // The stored slug is always acceptable back, even one made before today's rules.
            if (!string.IsNullOrEmpty(slug) && slug != article?.Slug)
            {
                if (!Slugs.IsValid(slug))
                {
                    errors["Slug"] = NewsroomErrors.SlugInvalid;
                }
                else if (await Slugs.IsTakenAsync(db.Articles, command.Language, slug, command.StoryId, cancellationToken))
                {
                    errors["Slug"] = NewsroomErrors.SlugTaken;
                }
            }

            if (command.Intent == Intent.Schedule)
            {
                if (article?.Status == ArticleStatus.Published)
                {
                    errors["ScheduleAt"] = NewsroomErrors.ScheduleWhilePublished;
                }
                else if (command.ScheduleAt is not { } at)
                {
                    errors["ScheduleAt"] = NewsroomErrors.ScheduleRequired;
                }
                else if (at <= clock.UtcNow)
                {
                    errors["ScheduleAt"] = NewsroomErrors.ScheduleInPast;
                }
            }

            return errors;
        }

        private static void Require(Dictionary<string, string> errors, string field, string? value, int maximum, string missing, string tooLong)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors[field] = missing;
            }
            else if (value.Trim().Length > maximum)
            {
                errors[field] = tooLong;
            }
        }

        /// <summary>Every photo the body places must be in the library and described in the article's language.</summary>
        private async Task<string?> BodyPhotoErrorAsync(string body, string language, CancellationToken cancellationToken)
        {
            var placed = ArticleBodyRenderer.EmbedsIn(body).Where(e => e.Kind == Embed.Photo).Select(e => e.PhotoId ?? -1).Distinct().ToList();
            if (placed.Count == 0)
            {
                return null;
            }

            var found = await db.Set<Media.MediaItem>().Where(m => placed.Contains(m.Id))
                .Select(m => new { m.Id, Described = m.Texts.Any(t => t.Language == language && t.Alt != string.Empty) })
                .ToListAsync(cancellationToken);
            return found.Count < placed.Count ? NewsroomErrors.BodyPhotoUnknown
                : found.Exists(m => !m.Described) ? NewsroomErrors.BodyPhotoAltMissing
                : null;
        }

        private static bool IsImageAddress(string url) =>
            (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps);

        /// <summary>The slug typed, or one suggested from the headline and made unique; a published slug stays.</summary>
        private async Task<string> SlugForAsync(Command command, Article article, CancellationToken cancellationToken)
        {
            if (command.Article.Slug?.Trim() is { Length: > 0 } typed)
            {
                return typed;
            }

            if (article.Slug.Length > 0)
            {
                return article.Slug;
            }

            return await Slugs.UniqueAsync(
                Slugs.FromText(command.Article.Headline),
                candidate => Slugs.IsTakenAsync(db.Articles, command.Language, candidate, command.StoryId, cancellationToken));
        }
    }
}
