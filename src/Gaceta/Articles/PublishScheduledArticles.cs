using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Articles;

/// <summary>Publishes every scheduled article whose time has come.</summary>
public static class PublishScheduledArticles
{
    public sealed class Handler(GacetaDb db, SiteClock clock, AuditLog audit, Changes.ChangeFeed feed)
    {
        /// <returns>The reader pages to evict, one change per story published.</returns>
        public async Task<IReadOnlyList<ReaderChange>> HandleAsync(CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var due = await db.Articles
                .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
                .Select(a => new { a.Id, a.Version, a.StoryId, a.Language, a.Story.SectionId, Authors = a.Story.Authors.Select(b => b.AuthorId).ToList() })
                .ToListAsync(cancellationToken);

            var changes = new List<ReaderChange>();
            foreach (var article in due)
            {
                // Claimed by its version: when several nodes run the scheduler, one of them publishes each article.
                // The claim and its audit entry commit together.
                var published = await db.InTransactionAsync(
                    async () =>
                    {
                        var claimed = await db.Articles
                            .Where(a => a.Id == article.Id && a.Version == article.Version && a.Status == ArticleStatus.Scheduled)
                            .ExecuteUpdateAsync(
                                s => s.SetProperty(a => a.Status, ArticleStatus.Published)
                                    .SetProperty(a => a.Version, a => a.Version + 1)
                                    .SetProperty(a => a.UpdatedAt, now),
                                cancellationToken);
                        if (claimed == 1)
                        {
                            audit.AddSystem(AuditActions.ArticlePublished, $"story {article.StoryId} ({article.Language}), as scheduled");
                            await db.SaveChangesAsync(cancellationToken);
                        }

                        return claimed == 1;
                    },
                    cancellationToken);
                if (published)
                {
                    changes.Add(new ReaderChange(article.StoryId, [article.SectionId], article.Authors));
                }
            }

            foreach (var change in changes)
            {
                await feed.AnnounceAsync(new Changes.StoryChanged(change), cancellationToken);
            }

            return changes;
        }
    }
}
