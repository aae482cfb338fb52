using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Staff;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Translations;

/// <summary>The translator has carried the source's changes over: the translation now matches the source's current revision.</summary>
public static class MarkTranslationUpToDate
{
    public sealed record Command(int StoryId, string Language, int ArticleVersion, Actor Actor);

    public enum Outcome
    {
        Marked,
        Conflict,
        Forbidden,
        NotFound,
    }

    /// <param name="Change">Reader pages to evict: a published translation loses its "original was updated" note.</param>
    public sealed record Result(Outcome Outcome, ReaderChange? Change);

    public sealed class Handler(GacetaDb db, TimeProvider time, AuditLog audit, Changes.ChangeFeed changes)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var story = await db.Stories.Include(s => s.Articles).Include(s => s.Authors).AsSplitQuery()
                .FirstOrDefaultAsync(s => s.Id == command.StoryId, cancellationToken);
            if (story?.ArticleIn(command.Language) is not { SourceLanguage: { } sourceLanguage } article
                || story.ArticleIn(sourceLanguage) is not { } source)
            {
                return new Result(Outcome.NotFound, null);
            }

            if (!command.Actor.CanEditArticle(story, article))
            {
                return new Result(Outcome.Forbidden, null);
            }

            if (article.Version != command.ArticleVersion)
            {
                return new Result(Outcome.Conflict, null);
            }

            db.Entry(article).Property(a => a.Version).OriginalValue = command.ArticleVersion;
            article.SourceRevision = source.Revision;
            article.Version++;
            article.UpdatedAt = time.GetUtcNow().UtcDateTime;
            audit.Add(command.Actor, AuditActions.TranslationMarkedUpToDate, $"story {story.Id} ({article.Language}, source revision {source.Revision})");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new Result(Outcome.Conflict, null);
            }

            var change = article.IsVisibleAt(article.UpdatedAt)
                ? new ReaderChange(story.Id, [story.SectionId], story.Authors.Select(a => a.AuthorId).ToList())
                : null;
            if (change is not null)
            {
                await changes.AnnounceAsync(new Changes.StoryChanged(change), cancellationToken);
            }

            return new Result(Outcome.Marked, change);
        }
    }
}
