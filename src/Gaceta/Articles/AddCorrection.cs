using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Gaceta.Staff;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Articles;

/// <summary>An editor attaches a public correction to a published article. It stays on the article for good.</summary>
public static class AddCorrection
{
    public sealed record Command(int StoryId, string Language, string Text, Actor Actor);

    public enum Outcome
    {
        Added,
        Invalid,
        Forbidden,
        NotFound,
    }

    /// <param name="Error">One of <see cref="NewsroomErrors"/> when invalid.</param>
    public sealed record Result(Outcome Outcome, string? Error, ReaderChange? Change);

    public sealed class Handler(GacetaDb db, SiteClock clock, AuditLog audit, Changes.ChangeFeed changes)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!command.Actor.CanPublish())
            {
                return new Result(Outcome.Forbidden, null, null);
            }

            var story = await db.Stories.Include(s => s.Articles).Include(s => s.Authors).AsSplitQuery()
                .FirstOrDefaultAsync(s => s.Id == command.StoryId, cancellationToken);
            if (story?.ArticleIn(command.Language) is not { } article)
            {
                return new Result(Outcome.NotFound, null, null);
            }

            var now = clock.UtcNow;
            var text = command.Text?.Trim() ?? string.Empty;
            var error = text.Length == 0 ? NewsroomErrors.CorrectionRequired
                : text.Length > ArticleLimits.Correction ? NewsroomErrors.CorrectionTooLong
                : !article.IsVisibleAt(now) ? NewsroomErrors.CorrectionNeedsPublished
                : null;
            if (error is not null)
            {
                return new Result(Outcome.Invalid, error, null);
            }

            db.Corrections.Add(new Correction
            {
                ArticleId = article.Id,
                Text = text,
                CreatedAt = now,
                CreatedById = command.Actor.Id,
                CreatedByName = command.Actor.Name,
            });
            article.RevisedAt = now;
            audit.Add(command.Actor, AuditActions.CorrectionAdded, $"story {story.Id} ({article.Language}): {text}");
            await db.SaveChangesAsync(cancellationToken);
            var change = new ReaderChange(story.Id, [story.SectionId], story.Authors.Select(a => a.AuthorId).ToList());
            await changes.AnnounceAsync(new Changes.StoryChanged(change), cancellationToken);
            return new Result(Outcome.Added, null, change);
        }
    }
}
