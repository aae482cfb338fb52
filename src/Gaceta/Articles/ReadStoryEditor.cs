using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Gaceta.Staff;
using Gaceta.Translations;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Articles;

/// <summary>What the story editor shows for one language version of a story, and what the person may do with it.</summary>
public static class ReadStoryEditor
{
    public sealed record Query(int StoryId, string Language, Actor Actor);

    public sealed record Model(
        int StoryId,
        string Language,
        bool Exists,
        int StoryVersion,
        int ArticleVersion,
        EditStory.StoryFields Story,
        EditStory.ArticleFields Article,
        ArticleStatus? Status,
        DateTime? PublishedAt,
        DateTime? RevisedAt,
        DateTime? UpdatedAt,
        int Revision,
        string? LastSavedBy,
        string? ReaderPath,
        Translation? Translation,
        IReadOnlyList<LanguageVersion> Languages,
        IReadOnlyList<CorrectionView> Corrections,
        Permissions Can);

    /// <summary>Where this version stands against its source; <see cref="SourceChanges"/> when it is outdated.</summary>
    public sealed record Translation(
        string SourceLanguage,
        int? SourceRevision,
        int SourceCurrentRevision,
        TranslationState State,
        IReadOnlyList<DiffLine> SourceChanges);

    /// <summary>Each configured language's version of the story.</summary>
    public sealed record LanguageVersion(string Language, TranslationState State, ArticleStatus? Status, string? Headline);

    public sealed record CorrectionView(DateTime CreatedAt, string Text, string By);

    public sealed record Permissions(bool EditStory, bool EditArticle, bool Publish, bool Translate);

    public sealed class Handler(GacetaDb db, SiteLanguages languages)
    {
        public async Task<Model?> HandleAsync(Query query, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(query);
            if (!languages.IsSupported(query.Language))
            {
                return null;
            }

            var story = await db.Stories.AsNoTracking()
                .Include(s => s.Articles).ThenInclude(a => a.Corrections)
                .Include(s => s.Authors)
                .AsSplitQuery()
                .FirstOrDefaultAsync(s => s.Id == query.StoryId, cancellationToken);
            if (story is null)
            {
                return null;
            }

            var article = story.ArticleIn(query.Language);
            var storyFields = new EditStory.StoryFields(
                story.SectionId,
                story.Authors.OrderBy(a => a.Position).Select(a => a.AuthorId).ToList(),
                story.WireCredit,
                story.LeadImage?.Url,
                story.LeadImage?.Credit,
                story.LeadMediaId);
            var articleFields = article is null
                ? new EditStory.ArticleFields(string.Empty, string.Empty, null, string.Empty, null)
                : new EditStory.ArticleFields(article.Headline, article.Standfirst, article.Slug, article.Body, article.LeadImageAlt);

            var lastSavedBy = article is null ? null : await db.ArticleRevisions
                .Where(r => r.ArticleId == article.Id)
                .OrderByDescending(r => r.Number)
                .Select(r => r.SavedByName)
                .FirstOrDefaultAsync(cancellationToken);

            return new Model(
                story.Id,
                query.Language,
                article is not null,
                story.Version,
                article?.Version ?? 0,
                storyFields,
                articleFields,
                article?.Status,
                article?.PublishedAt,
                article?.RevisedAt,
                article?.UpdatedAt,
                article?.Revision ?? 0,
                lastSavedBy,
                article is { PublishedAt: { } published } ? ArticlePaths.Article(article.Language, published, article.Slug) : null,
                article is null ? null : await TranslationOfAsync(story, article, cancellationToken),
                languages.All.Select(l => story.ArticleIn(l.Code) is { } a
                        ? new LanguageVersion(l.Code, TranslationStates.Of(story, l.Code), a.Status, a.Headline)
                        : new LanguageVersion(l.Code, TranslationState.Missing, null, null))
                    .ToList(),
                article?.Corrections.OrderBy(c => c.CreatedAt).Select(c => new CorrectionView(c.CreatedAt, c.Text, c.CreatedByName)).ToList() ?? [],
                new Permissions(
                    query.Actor.CanEditStoryFields(story),
                    article is not null && query.Actor.CanEditArticle(story, article),
                    query.Actor.CanPublish(),
                    query.Actor.CanTranslate()));
        }

        private async Task<Translation?> TranslationOfAsync(Story story, Article article, CancellationToken cancellationToken)
        {
            if (article.SourceLanguage is not { } sourceLanguage || story.ArticleIn(sourceLanguage) is not { } source)
            {
                return null;
            }

            var state = TranslationStates.Of(article, source.Revision);
            IReadOnlyList<DiffLine> changes = [];
            if (state == TranslationState.Outdated)
            {
                var from = article.SourceRevision ?? 0;
                var texts = await db.ArticleRevisions
                    .Where(r => r.ArticleId == source.Id && (r.Number == from || r.Number == source.Revision))
                    .ToListAsync(cancellationToken);
                changes = TextDiff.Lines(
                    RevisionText(texts.Find(r => r.Number == from)),
                    RevisionText(texts.Find(r => r.Number == source.Revision)));
            }

            return new Translation(sourceLanguage, article.SourceRevision, source.Revision, state, changes);
        }
    }

    /// <summary>A revision as one text for diffing: headline, standfirst, then the body.</summary>
    internal static string? RevisionText(ArticleRevision? revision) =>
        revision is null ? null : $"# {revision.Headline}\n\n{revision.Standfirst}\n\n{revision.Body}";
}
