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
            var visible = ReaderListings.Visibility(now);
            var article = await db.Articles
                .Visible(query.Language, now)
                .Where(a => a.Slug == query.Slug)
                .Select(a => new
                {
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
                    Corrections = a.Corrections.OrderBy(c => c.CreatedAt).Select(c => new PublicCorrection(c.CreatedAt, c.Text)).ToList(),
                    a.Story.SectionId,
                    Section = a.Story.Section.Names.Where(n => n.Language == query.Language).Select(n => new { n.Name, n.Slug }).FirstOrDefault(),
                    a.Story.WireCredit,
                    a.Story.LeadMediaId,
                    ImageUrl = a.Story.LeadImage!.Url,
                    ImageCredit = a.Story.LeadImage!.Credit,
                    Authors = a.Story.Authors.OrderBy(b => b.Position).Select(b => new AuthorLink(b.Author.Id, b.Author.Name, b.Author.Slug)).ToList(),
                    Translations = a.Story.Articles.AsQueryable()
                        .Where(visible)
                        .Where(t => t.Language != query.Language)
                        .Select(t => new { t.Language, t.Headline, t.Slug, PublishedAt = t.PublishedAt!.Value, t.SourceLanguage })
                        .ToList(),
                    Source = a.Story.Articles
                        .Where(t => t.Language == a.SourceLanguage)
                        .Select(t => new { t.Revision, t.UpdatedAt, t.RevisedAt, t.PublishedAt })
                        .FirstOrDefault(),
                })
                .AsNoTracking()
                // One round trip: the collections are small (a byline, a translation or two).
                .AsSingleQuery()
                .FirstOrDefaultAsync(cancellationToken);
            if (article is null)
            {
                return null;
            }

            var translations = article.Translations
                .Select(t => new Translation(t.Language, t.Headline, ArticlePaths.Article(t.Language, t.PublishedAt, t.Slug), t.SourceLanguage))
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
                ReaderListings.SectionLinkFor(article.SectionId, query.Language, article.Section?.Name, article.Section?.Slug),
                article.Authors,
                article.WireCredit,
                LeadImages.Choose(lead?.Photo, lead?.Alt, lead?.Credit, article.LeadImageAlt, article.ImageUrl, article.ImageCredit),
                translations,
                article.Corrections,
                article.Source is { } source && TranslationStates.Of(article.SourceLanguage, article.SourceRevision, source.Revision) == TranslationState.Outdated
                    ? new OutdatedNotice(article.SourceLanguage!, source.RevisedAt ?? source.UpdatedAt, translations.FirstOrDefault(t => t.Language == article.SourceLanguage)?.Path)
                    : null,
                article.SourceLanguage);
        }
    }
}

/// <summary>An author credited in a byline.</summary>
public sealed record AuthorLink(int Id, string Name, string Slug);
