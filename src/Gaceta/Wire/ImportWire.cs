using System.Globalization;
using System.Text.Json;
using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Data;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Wire;

/// <summary>
/// Wire items in, as draft stories: each item is checked whole and written in one transaction, or reported and
/// left out. The same item again (same <c>uri</c> and version) changes nothing; a newer version rewrites its
/// draft; a story already published is left to the newsroom.
/// </summary>
public static class ImportWire
{
    public enum Outcome
    {
        Created,
        Updated,

        /// <summary>This version (or a later one) was imported before.</summary>
        Unchanged,

        /// <summary>A newer version of an item whose story is no longer a draft: the newsroom decides.</summary>
        Skipped,

        Invalid,
    }

    /// <param name="Json">One ninjs item, or an array of them.</param>
    /// <param name="Source">Where the document came from, such as <c>feed.json</c>; an array's items are numbered after it.</param>
    /// <param name="SectionId">The section new stories go to (see <see cref="FindWireSection"/>).</param>
    public sealed record Command(string Json, string Source, int SectionId, Actor Actor);

    /// <param name="Source">Where the item came from, such as <c>feed.json#3</c>.</param>
    public sealed record ItemResult(string Source, string? Uri, Outcome Outcome, int? StoryId, IReadOnlyList<string> Errors);

    public sealed class Handler(GacetaDb db, EditStory.Handler stories, SiteLanguages languages, SiteClock clock, AuditLog audit, Changes.ChangeFeed changes)
    {
        /// <summary>A document holding one item or an array of items; malformed JSON is one invalid result.</summary>
        public async Task<IReadOnlyList<ItemResult>> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            var (json, source, sectionId, actor) = command;
            ArgumentNullException.ThrowIfNull(json);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException e)
            {
                return [new ItemResult(source, null, Outcome.Invalid, null, [$"Not valid JSON: {e.Message}"])];
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Array)
                {
                    return [await ImportAsync(root, source, sectionId, actor, cancellationToken)];
                }

                var results = new List<ItemResult>();
                var index = 0;
                foreach (var item in root.EnumerateArray())
                {
                    index++;
                    results.Add(await ImportAsync(item, string.Create(CultureInfo.InvariantCulture, $"{source}#{index}"), sectionId, actor, cancellationToken));
                }

                return results;
            }
        }

        private async Task<ItemResult> ImportAsync(JsonElement json, string source, int sectionId, Actor actor, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(actor);
            var (item, errors) = NinjsItem.Read(json, languages.All.Select(l => l.Code).ToList());
            if (item is null)
            {
                return new ItemResult(source, Uri(json), Outcome.Invalid, null, errors);
            }

            db.ChangeTracker.Clear();
            var known = await db.WireItems.FirstOrDefaultAsync(w => w.Uri == item.Uri, cancellationToken);
            if (known is not null && !item.IsNewerThan(known.Version, known.VersionCreated))
            {
                return new ItemResult(source, item.Uri, Outcome.Unchanged, known.StoryId, []);
            }

            EditStory.Command command;
            if (known is null)
            {
                command = Command(null, item, 0, 0, new EditStory.StoryFields(sectionId, [], item.Credit, null, null), actor);
            }
            else
            {
                var current = await db.Articles.AsNoTracking()
                    .Where(a => a.StoryId == known.StoryId && a.Language == known.Language)
                    .Select(a => new { a.Status, a.Version, a.Slug, StoryVersion = a.Story.Version, a.Story.SectionId, a.Story.LeadMediaId, Authors = a.Story.Authors.Select(x => x.AuthorId).ToList() })
                    .FirstOrDefaultAsync(cancellationToken);
                if (current is null || current.Status != ArticleStatus.Draft)
                {
                    return new ItemResult(source, item.Uri, Outcome.Skipped, known.StoryId, ["The story is no longer a draft; change it in the staff area."]);
                }

                command = Command(known.StoryId, item, current.StoryVersion, current.Version, new EditStory.StoryFields(current.SectionId, current.Authors, item.Credit, null, null, current.LeadMediaId), actor) with
                {
                    Article = new EditStory.ArticleFields(item.Headline, item.Standfirst, current.Slug, item.Body, null),
                };
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var saved = await stories.HandleAsync(command, cancellationToken);
            if (saved.Outcome != EditStory.Outcome.Saved)
            {
                db.ChangeTracker.Clear();
                var reasons = saved.Errors.Count > 0 ? saved.Errors.Select(e => $"{e.Key}: {e.Value}").ToList() : [$"The story could not be saved ({saved.Outcome})."];
                return new ItemResult(source, item.Uri, Outcome.Invalid, null, reasons);
            }

            var now = clock.UtcNow;
            if (known is null)
            {
                db.WireItems.Add(new WireItem { Uri = item.Uri, Version = item.Version, VersionCreated = item.VersionCreated, StoryId = saved.StoryId, Language = item.Language, ImportedAt = now, UpdatedAt = now });
            }
            else
            {
                known.Version = item.Version;
                known.VersionCreated = item.VersionCreated;
                known.UpdatedAt = now;
            }

            audit.Add(actor, AuditActions.WireImported, $"{item.Uri} v{item.Version} → story {saved.StoryId}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await changes.CommittedAsync(cancellationToken);
            return new ItemResult(source, item.Uri, known is null ? Outcome.Created : Outcome.Updated, saved.StoryId, []);
        }

        private static EditStory.Command Command(int? storyId, NinjsItem item, int storyVersion, int articleVersion, EditStory.StoryFields story, Actor actor) =>
            new(storyId, item.Language, storyVersion, articleVersion, story, new EditStory.ArticleFields(item.Headline, item.Standfirst, null, item.Body, null), EditStory.Intent.Save, null, actor);

        private static string? Uri(JsonElement json) =>
            json.ValueKind == JsonValueKind.Object && json.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String ? uri.GetString() : null;
    }
}
