using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Gaceta.Staff;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Translations;

/// <summary>
/// Starts a translation: a draft article in the target language holding the source's text for the translator to
/// replace, remembering the source revision it was made from.
/// </summary>
public static class TranslateArticle
{
    public sealed record Command(int StoryId, string SourceLanguage, string TargetLanguage, Actor Actor);

    public enum Outcome
    {
        Created,
        AlreadyExists,
        Forbidden,
        NotFound,
    }

    public sealed class Handler(GacetaDb db, SiteClock clock, SiteLanguages languages, AuditLog audit)
    {
        public async Task<Outcome> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!command.Actor.CanTranslate())
            {
                return Outcome.Forbidden;
            }

            if (!languages.IsSupported(command.TargetLanguage) || command.SourceLanguage == command.TargetLanguage)
            {
                return Outcome.NotFound;
            }

            var story = await db.Stories.Include(s => s.Articles).FirstOrDefaultAsync(s => s.Id == command.StoryId, cancellationToken);
            if (story?.ArticleIn(command.SourceLanguage) is not { } source)
            {
                return Outcome.NotFound;
            }

            if (story.ArticleIn(command.TargetLanguage) is not null)
            {
                return Outcome.AlreadyExists;
            }

            var now = clock.UtcNow;
            var slug = await Slugs.UniqueAsync(
                source.Slug,
                candidate => Slugs.IsTakenAsync(db.Articles, command.TargetLanguage, candidate, null, cancellationToken));
            var translation = new Article
            {
                Language = command.TargetLanguage,
                Headline = source.Headline,
                Standfirst = source.Standfirst,
                Slug = slug,
                Body = source.Body,
                LeadImageAlt = source.LeadImageAlt,
                Status = ArticleStatus.Draft,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
                Revision = 1,
                SourceLanguage = source.Language,
                SourceRevision = source.Revision,
            };
            translation.Revisions.Add(ArticleRevision.Of(translation, now, command.Actor));
            story.Articles.Add(translation);
            audit.Add(command.Actor, AuditActions.TranslationCreated, $"story {story.Id} ({source.Language} → {command.TargetLanguage})");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // Someone else started the same translation a moment ago.
                return Outcome.AlreadyExists;
            }

            return Outcome.Created;
        }
    }
}
