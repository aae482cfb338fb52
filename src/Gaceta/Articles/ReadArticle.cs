using Gaceta.Data;
using Gaceta.Polls;
using Gaceta.Site;
using Gaceta.Translations;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Articles;

/// <summary>A reader opens an article by its language and slug.</summary>
public static class ReadArticle
{
    public sealed record Query(string Language, string Slug);

    /// <summary>Everything an article page shows, plus the ids its cache entry is tagged with.</summary>
    public sealed record Model(
        int StoryId,
        string Language,
        string Headline,
        string Standfirst,
        IReadOnlyList<BodyBlock> Body,
        IReadOnlyDictionary<string, PollView> Polls,
        IReadOnlyDictionary<string, PlacedPhoto> Photos,
        string Path,
        DateTime PublishedAt,
        DateTime? RevisedAt,
        SectionLink Section,
        IReadOnlyList<AuthorLink> Authors,
        string? WireCredit,
        ArticleImage? Image,
        IReadOnlyList<Translation> Translations,
        IReadOnlyList<PublicCorrection> Corrections,
        OutdatedNotice? Outdated,
        string? SourceLanguage);

    /// <summary>The same story published in another language.</summary>
    /// <param name="SourceLanguage">The language that version was translated from; null for an original.</param>
    public sealed record Translation(string Language, string Headline, string Path, string? SourceLanguage = null);

    /// <summary>A correction as readers see it.</summary>
    public sealed record PublicCorrection(DateTime At, string Text);

    /// <summary>This translation lags behind its original, which was revised at <paramref name="RevisedAt"/>.</summary>
    public sealed record OutdatedNotice(string SourceLanguage, DateTime RevisedAt, string? SourcePath);

    public sealed class Handler(GacetaDb db, SiteClock clock, ArticleBodyRenderer renderer, ReadPolls.Handler polls, Media.ReadPlacedPhotos.Handler photos)
    {
        public async Task<Model?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            var now = clock.UtcNow;
            var language = query.Language;

            // The page asks several small questions (and its layout more): one open connection serves them all,
            // instead of an open and a close around each. The context closes it when the request ends.
            await db.Database.OpenConnectionAsync(cancellationToken);

            // Each read below is a lookup by key: the article by its slug, then the rows of its own story. Folded
            // into one statement, the story's collections became scans of whole tables (every byline, a window over
            // every article), whose cost grew with the archive.
            var article = await db.Articles
                .Visible(language, now)
                .Where(a => a.Slug == query.Slug)
                .Select(a => new
                {
                    a.Id,
                    a.StoryId,
                    a.Headline,
                    a.Standfirst,
                    a.Body,
                    a.Slug,
                    PublishedAt = a.PublishedAt!.Value,
                    a.RevisedAt,
                    a.LeadImageAlt,
                    a.SourceLanguage,
                    a.SourceRevision,
                    a.Story.SectionId,
                    SectionName = a.Story.Section.Names.Where(n => n.Language == language).Select(n => n.Name).FirstOrDefault(),
                    SectionSlug = a.Story.Section.Names.Where(n => n.Language == language).Select(n => n.Slug).FirstOrDefault(),
                    a.Story.WireCredit,
                    a.Story.LeadMediaId,
                    ImageUrl = a.Story.LeadImage!.Url,
                    ImageCredit = a.Story.LeadImage!.Credit,
                    HasCorrections = a.Corrections.Any(),
                })
                .AsNoTracking()
                .FirstOrDefaultAsync(cancellationToken);
            if (article is null)
            {
                return null;
            }

            var storyId = article.StoryId;
            var authors = await db.Set<StoryAuthor>()
                .Where(b => b.StoryId == storyId)
                .OrderBy(b => b.Position)
                .Select(b => new AuthorLink(b.Author.Id, b.Author.Name, b.Author.Slug))
                .ToListAsync(cancellationToken);
            // The story's other languages, read by the story's key; which of them readers may see is decided here,
            // since asking the database for visible ones leads it to scan every published article instead.
            var otherArticles = await db.Articles
                .Where(t => t.StoryId == storyId && t.Language != language)
                .Select(t => new { t.Language, t.Headline, t.Slug, t.Status, t.PublishedAt, t.SourceLanguage, t.Revision, t.UpdatedAt, t.RevisedAt })
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            var articleId = article.Id;
            var corrections = article.HasCorrections
                ? await db.Corrections
                    .Where(c => c.ArticleId == articleId)
                    .OrderBy(c => c.CreatedAt)
                    .Select(c => new PublicCorrection(c.CreatedAt, c.Text))
                    .ToListAsync(cancellationToken)
                : [];
            var source = otherArticles.Find(t => t.Language == article.SourceLanguage);

            var translations = otherArticles
                .Where(t => Article.IsVisible(t.Status, t.PublishedAt, now))
                .Select(t => new Translation(t.Language, t.Headline, ArticlePaths.Article(t.Language, t.PublishedAt!.Value, t.Slug), t.SourceLanguage))
                .ToList();
            var body = renderer.ToBlocks(article.Body);
            var pollKeys = body.Where(b => b.Embed?.Kind == Embed.Poll).Select(b => b.Embed!.Key).Distinct().ToList();
            var embeddedPolls = await polls.HandleAsync(new ReadPolls.Query(query.Language, pollKeys), cancellationToken);
            var placedIds = body.Select(b => b.Embed?.PhotoId).OfType<int>().ToHashSet();
            var library = await photos.HandleAsync(new Media.ReadPlacedPhotos.Query(query.Language, [.. placedIds, .. article.LeadMediaId is { } leadId ? [leadId] : Array.Empty<int>()]), cancellationToken);
            // A photo nobody has described in this language is left out of the text rather than shown undescribed.
            var placedPhotos = library.Where(p => placedIds.Contains(p.Key) && p.Value.Alt.Length > 0)
                .ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value);
            var lead = article.LeadMediaId is { } leadMediaId ? library.GetValueOrDefault(leadMediaId) : null;

            return new Model(
                article.StoryId,
                query.Language,
                article.Headline,
                article.Standfirst,
                body,
                embeddedPolls,
                placedPhotos,
                ArticlePaths.Article(query.Language, article.PublishedAt, article.Slug),
                article.PublishedAt,
                article.RevisedAt,
                ReaderListings.SectionLinkFor(article.SectionId, query.Language, article.SectionName, article.SectionSlug),
                authors,
                article.WireCredit,
                LeadImages.Choose(lead?.Photo, lead?.Alt, lead?.Credit, article.LeadImageAlt, article.ImageUrl, article.ImageCredit),
                translations,
                corrections,
                source is not null && TranslationStates.Of(article.SourceLanguage, article.SourceRevision, source.Revision) == TranslationState.Outdated
                    ? new OutdatedNotice(article.SourceLanguage!, source.RevisedAt ?? source.UpdatedAt, translations.FirstOrDefault(t => t.Language == article.SourceLanguage)?.Path)
                    : null,
                article.SourceLanguage);
        }
    }
}

/// <summary>An author credited in a byline.</summary>
public sealed record AuthorLink(int Id, string Name, string Slug);
