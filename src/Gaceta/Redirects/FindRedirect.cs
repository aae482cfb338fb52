using Gaceta.Articles;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Redirects;

/// <summary>Where an old address now lives, asked only when no page answered it.</summary>
public static class FindRedirect
{
    public sealed record Query(string Path, string? QueryString);

    public sealed class Handler(GacetaDb db, SiteClock clock)
    {
        /// <returns>The address to send the reader to, or null when the old address is unknown or its article is not published.</returns>
        public async Task<string?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            if (RedirectPaths.Key(query.Path, query.QueryString) is not { } key)
            {
                return null;
            }

            var redirect = await db.Redirects.AsNoTracking().Where(r => r.Path == key)
                .Select(r => new { r.StoryId, r.Language, r.TargetPath })
                .FirstOrDefaultAsync(cancellationToken);
            if (redirect is null)
            {
                return null;
            }

            if (redirect.StoryId is not { } storyId)
            {
                return redirect.TargetPath;
            }

            var article = await db.Articles.Visible(redirect.Language!, clock.UtcNow).Where(a => a.StoryId == storyId)
                .Select(a => new { a.Slug, PublishedAt = a.PublishedAt!.Value })
                .FirstOrDefaultAsync(cancellationToken);
            return article is null ? null : ArticlePaths.Article(redirect.Language!, article.PublishedAt, article.Slug);
        }
    }
}
