using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Changes;
using Gaceta.Data;
using Gaceta.Site;
using Gaceta.Translations;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Importing;

/// <summary>
/// Writes one article brought from another system, in a transaction of its own with its bookkeeping: a new
/// story, a translation joining the story of an item of the same translation group, or an update of what the
/// last import wrote, unless the newsroom has edited it here since. Everything goes through the story editor's
/// own use cases, so their rules, revisions and audit entries apply. A dry run does the same and rolls back.
/// </summary>
public static class ImportArticle
{
    /// <param name="Source">The other system, such as <c>wordpress</c>.</param>
    /// <param name="Site">The exporting site, as its export names it.</param>
    /// <param name="ExternalId">The item's id there.</param>
    /// <param name="Siblings">The ids of the other items of its translation group, if any.</param>
    /// <param name="Section">The section's name and slug per language; one with the same slug is reused.</param>
    /// <param name="Authors">The byline, as names and slugs; an author with the same slug is reused.</param>
    /// <param name="PublishedAt">When it was published there (or is scheduled for).</param>
    /// <param name="AuthorBios">Biographies in the article's language by author slug, when the other system has them.</param>
    /// <param name="ContentHash">A hash of everything imported from the item: the same again is unchanged.</param>
    public sealed record Command(
        string Source,
        string Site,
        string ExternalId,
        string Language,
        IReadOnlyCollection<string> Siblings,
        IReadOnlyDictionary<string, (string Name, string Slug)> Section,
        IReadOnlyList<(string Name, string Slug)> Authors,
        EditStory.ArticleFields Article,
        EditStory.Intent Intent,
        DateTime? PublishedAt,
        string ContentHash,
        bool DryRun,
        Actor Actor,
        int? LeadMediaId = null,
        IReadOnlyList<string>? OldAddresses = null,
        IReadOnlyDictionary<string, string>? AuthorBios = null);

    /// <summary>The excerpt, else the opening of the text, within the standfirst's limit.</summary>
    public static string Standfirst(string excerpt, string body, ArticleBodyRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        var text = excerpt;
        if (text.Length == 0)
        {
            text = renderer.ToPlainText(body);
        }

        if (text.Length <= ArticleLimits.Standfirst)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', ArticleLimits.Standfirst - 1);
        return text[..(cut > 0 ? cut : ArticleLimits.Standfirst - 1)] + "…";
    }

    public sealed record Result(ImportOutcome Outcome, int? StoryId, IReadOnlyList<string> Notes);

    public sealed class Handler(GacetaDb db, EditStory.Handler stories, TranslateArticle.Handler translations, NewsroomTargets targets, SiteClock clock, AuditLog audit, ChangeFeed changes)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            db.ChangeTracker.Clear();
            var known = await db.Set<ImportedItem>().FirstOrDefaultAsync(
                i => i.Source == command.Source && i.Site == command.Site && i.ExternalId == command.ExternalId, cancellationToken);
            if (known is not null && known.ContentHash == command.ContentHash)
            {
                return new Result(ImportOutcome.Unchanged, known.StoryId, []);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Sections and authors are made inside the item's transaction: an item rolled back leaves none behind.
            var sectionId = await targets.SectionAsync(command.Section, cancellationToken);
            var authorIds = new List<int>();
            foreach (var (name, slug) in command.Authors)
            {
                authorIds.Add(await targets.AuthorAsync(name, slug, cancellationToken, command.AuthorBios?.GetValueOrDefault(slug), command.Language));
            }

            var result = known is null ? await CreateAsync(command, sectionId, authorIds, cancellationToken) : await UpdateAsync(command, known, sectionId, authorIds, cancellationToken);
            if (result.Saved is not { } saved)
            {
                RolledBack();
                return result.Outcome;
            }

            var now = clock.UtcNow;
            if (known is null)
            {
                db.Add(new ImportedItem
                {
                    Source = command.Source,
                    Site = command.Site,
                    ExternalId = command.ExternalId,
                    StoryId = result.Outcome.StoryId!.Value,
                    Language = command.Language,
                    ContentHash = command.ContentHash,
                    ArticleVersion = saved.ArticleVersion,
                    ImportedAt = now,
                    UpdatedAt = now,
                });
            }
            else
            {
                known.ContentHash = command.ContentHash;
                known.ArticleVersion = saved.ArticleVersion;
                known.UpdatedAt = now;
            }

            // Links and search engines know the old addresses: each answers 301 to the article.
            await Redirects.RecordRedirects.AddAsync(db, command.OldAddresses ?? [], result.Outcome.StoryId!.Value, command.Language, Redirects.RedirectOrigins.Import, now, cancellationToken);
            audit.Add(command.Actor, AuditActions.ArticleImported, $"{command.Source} {command.Site} #{command.ExternalId} → story {result.Outcome.StoryId} ({command.Language})");
            await db.SaveChangesAsync(cancellationToken);
            if (command.DryRun)
            {
                await transaction.RollbackAsync(cancellationToken);
                RolledBack();
            }
            else
            {
                await transaction.CommitAsync(cancellationToken);
                await changes.CommittedAsync(cancellationToken);
            }

            return result.Outcome;
        }

        private void RolledBack()
        {
            db.ChangeTracker.Clear();
            changes.RolledBack();
            targets.Forget();
        }

        private async Task<(Result Outcome, EditStory.SavedVersions? Saved)> CreateAsync(Command command, int sectionId, List<int> authorIds, CancellationToken cancellationToken)
        {
            var siblingStory = command.Siblings.Count == 0 ? null : await db.Set<ImportedItem>()
                .Where(i => i.Source == command.Source && i.Site == command.Site && command.Siblings.Contains(i.ExternalId) && i.Language != command.Language)
                .Select(i => new { i.StoryId, i.Language })
                .FirstOrDefaultAsync(cancellationToken);
            if (siblingStory is not null && !await db.Articles.AnyAsync(a => a.StoryId == siblingStory.StoryId && a.Language == command.Language, cancellationToken))
            {
                // The group's first item made the story: this one joins it as a translation of that language.
                var translated = await translations.HandleAsync(new TranslateArticle.Command(siblingStory.StoryId, siblingStory.Language, command.Language, command.Actor), cancellationToken);
                if (translated != TranslateArticle.Outcome.Created)
                {
                    return (new Result(ImportOutcome.Invalid, null, [$"The translation could not be added to story {siblingStory.StoryId} ({translated})."]), null);
                }

                var current = await CurrentAsync(siblingStory.StoryId, command.Language, cancellationToken);
                return await SaveAsync(command, siblingStory.StoryId, current!, sectionId, authorIds, ImportOutcome.Created, cancellationToken);
            }

            return await SaveAsync(command, null, null, sectionId, authorIds, ImportOutcome.Created, cancellationToken);
        }

        private async Task<(Result Outcome, EditStory.SavedVersions? Saved)> UpdateAsync(Command command, ImportedItem known, int sectionId, List<int> authorIds, CancellationToken cancellationToken)
        {
            var current = await CurrentAsync(known.StoryId, known.Language, cancellationToken);
            if (current is null)
            {
                return (new Result(ImportOutcome.Skipped, known.StoryId, ["The article was removed here since the last import."]), null);
            }

            if (current.Version != known.ArticleVersion)
            {
                return (new Result(ImportOutcome.Skipped, known.StoryId, ["Edited here since the last import: left as the newsroom made it."]), null);
            }

            return await SaveAsync(command, known.StoryId, current, sectionId, authorIds, ImportOutcome.Updated, cancellationToken);
        }

        private async Task<(Result Outcome, EditStory.SavedVersions? Saved)> SaveAsync(
            Command command, int? storyId, Current? current, int sectionId, List<int> authorIds, ImportOutcome outcome, CancellationToken cancellationToken)
        {
            // A published article keeps its address; an import only decides the status of what is not published yet.
            var intent = current is { Status: ArticleStatus.Published } ? EditStory.Intent.Save : command.Intent;
            var fields = current is { Status: ArticleStatus.Published } ? command.Article with { Slug = current.Slug } : command.Article;
            var story = new EditStory.StoryFields(sectionId, authorIds, null, null, null, command.LeadMediaId ?? current?.LeadMediaId);
            EditStory.Command Edit(EditStory.ArticleFields article) => new(
                storyId, command.Language, current?.StoryVersion ?? 0, current?.Version ?? 0, story, article, intent,
                intent == EditStory.Intent.Schedule ? command.PublishedAt : null, command.Actor, command.PublishedAt);

            var saved = await stories.HandleAsync(Edit(fields), cancellationToken);
            if (saved.Outcome == EditStory.Outcome.Invalid && saved.Errors.Count == 1 && saved.Errors.TryGetValue("Slug", out var slugError) && slugError == NewsroomErrors.SlugTaken)
            {
                // Another article here already has that address: one is made from the headline instead.
                saved = await stories.HandleAsync(Edit(fields with { Slug = null }), cancellationToken);
            }

            return saved.Outcome == EditStory.Outcome.Saved
                ? (new Result(outcome, saved.StoryId, []), saved.Saved)
                : (new Result(ImportOutcome.Invalid, null, saved.Errors.Count > 0 ? saved.Errors.Select(e => $"{e.Key}: {e.Value}").ToList() : [$"The story could not be saved ({saved.Outcome})."]), null);
        }

        private Task<Current?> CurrentAsync(int storyId, string language, CancellationToken cancellationToken) =>
            db.Articles.AsNoTracking().Where(a => a.StoryId == storyId && a.Language == language)
                .Select(a => new Current(a.Version, a.Status, a.Slug, a.Story.Version, a.Story.LeadMediaId))
                .FirstOrDefaultAsync(cancellationToken);

        private sealed record Current(int Version, ArticleStatus Status, string Slug, int StoryVersion, int? LeadMediaId);
    }
}
