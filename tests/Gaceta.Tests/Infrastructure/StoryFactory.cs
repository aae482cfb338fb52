using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Authors;
using Gaceta.Sections;
using Gaceta.Staff;
using Gaceta.Translations;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Infrastructure;

/// <summary>What a test wants of one language version of a story.</summary>
public sealed record ArticleSpec(string Headline, string Standfirst, string Body)
{
    public ArticleStatus Status { get; init; } = ArticleStatus.Published;

    /// <summary>Publish time relative to the host's clock; zero means now.</summary>
    public TimeSpan PublishedIn { get; init; } = TimeSpan.Zero;
}

/// <summary>A story made by a test, with the addresses it can be read at.</summary>
public sealed record CreatedStory(
    int StoryId,
    int SectionId,
    int AuthorId,
    string AuthorSlug,
    string AuthorName,
    IReadOnlyDictionary<string, string> SectionSlugs,
    IReadOnlyDictionary<string, string> SectionNames,
    IReadOnlyDictionary<string, string> Paths,
    DateTime PublishedAt)
{
    public string PathIn(string language) => Paths[language];

    public string SectionPathIn(string language) => $"/{language}/{SectionSlugs[language]}/";
}

/// <summary>
/// Creates stories the way the newsroom does: through the story editor's use case (<see cref="EditStory"/>),
/// the first language as the original and the others as translations of it (<see cref="TranslateArticle"/>), so
/// the product's own rules, revisions, audit entries and cache eviction apply. Sections and authors have no use
/// case of their own yet and are made as rows. Every name and slug is unique, so tests never see each other's data.
/// </summary>
public sealed class StoryFactory(GacetaApp app)
{
    /// <summary>The editor the factory writes as.</summary>
    public static readonly Actor Desk = new("story-factory", "Test desk", StaffRoles.Editor);

    /// <param name="articles">Article per language code; the first is the original.</param>
    /// <param name="wireCredit">The agency credited, if any.</param>
    /// <param name="sectionId">An existing section to file the story in; a new one when null.</param>
    public async Task<CreatedStory> CreateAsync(
        IReadOnlyDictionary<string, ArticleSpec> articles,
        string? wireCredit = null,
        int? sectionId = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        // Each story is a little newer than the last, so "newest first" listings are predictable.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var tag = Guid.NewGuid().ToString("N")[..10];

        var (section, author) = await app.WithDbAsync(async db =>
        {
            var section = sectionId is { } id
                ? await db.Sections.FindAsync(id) ?? throw new InvalidOperationException($"No section {id}.")
                : new Section
                {
                    Position = 100,
                    Names =
                    [
                        new SectionName { Language = "en", Name = $"World {tag}", Slug = $"world-{tag}" },
                        new SectionName { Language = "es", Name = $"Mundo {tag}", Slug = $"mundo-{tag}" },
                    ],
                };
            var author = new Author
            {
                Slug = $"reporter-{tag}",
                Name = $"Reporter {tag}",
                Bios =
                [
                    new AuthorBio { Language = "en", Text = $"Covers the harbour for Gaceta ({tag})." },
                    new AuthorBio { Language = "es", Text = $"Cubre el puerto para Gaceta ({tag})." },
                ],
            };
            db.Add(author);
            if (sectionId is null)
            {
                db.Add(section);
            }

            await db.SaveChangesAsync();
            return (section, author);
        });

        var fields = new EditStory.StoryFields(section.Id, [author.Id], wireCredit, null, null);
        int? storyId = null;
        var original = articles.First().Key;
        foreach (var (language, spec) in articles)
        {
            if (storyId is { } id)
            {
                var translated = await app.SendAsync<TranslateArticle.Handler, TranslateArticle.Outcome>(h =>
                    h.HandleAsync(new TranslateArticle.Command(id, original, language, Desk), CancellationToken.None));
                Assert.Equal(TranslateArticle.Outcome.Created, translated);
            }

            var (storyVersion, articleVersion) = storyId is { } existing
                ? await app.WithDbAsync(db => db.Articles.Where(a => a.StoryId == existing && a.Language == language)
                    .Select(a => new ValueTuple<int, int>(a.Story.Version, a.Version)).SingleAsync())
                : (0, 0);
            var (intent, scheduleAt) = spec.Status switch
            {
                ArticleStatus.Draft => (EditStory.Intent.Save, (DateTime?)null),
                _ when spec.PublishedIn > TimeSpan.Zero => (EditStory.Intent.Schedule, now + spec.PublishedIn),
                _ => (EditStory.Intent.Publish, null),
            };
            var saved = await app.SendAsync<EditStory.Handler, EditStory.Result>(h => h.HandleAsync(
                new EditStory.Command(
                    storyId,
                    language,
                    storyVersion,
                    articleVersion,
                    fields,
                    new EditStory.ArticleFields(spec.Headline, spec.Standfirst, $"{Slugify(spec.Headline)}-{tag}", spec.Body, null),
                    intent,
                    scheduleAt,
                    Desk),
                CancellationToken.None));
            Assert.True(saved.Outcome == EditStory.Outcome.Saved, $"The story factory's {language} article was not saved: {saved.Outcome} {string.Join("; ", saved.Errors.Values)}");
            storyId = saved.StoryId;
        }

        var placed = await app.WithDbAsync(db => db.Articles.AsNoTracking().Where(a => a.StoryId == storyId && a.PublishedAt != null)
            .Select(a => new { a.Language, a.Slug, PublishedAt = a.PublishedAt!.Value })
            .ToListAsync());
        return new CreatedStory(
            storyId!.Value,
            section.Id,
            author.Id,
            author.Slug,
            author.Name,
            section.Names.ToDictionary(n => n.Language, n => n.Slug),
            section.Names.ToDictionary(n => n.Language, n => n.Name),
            placed.ToDictionary(a => a.Language, a => ArticlePaths.Article(a.Language, a.PublishedAt, a.Slug)),
            now);
    }

    /// <summary>A story in English and Spanish.</summary>
    public Task<CreatedStory> CreateBilingualAsync(string? wireCredit = null, int? sectionId = null) =>
        CreateAsync(
            new Dictionary<string, ArticleSpec>
            {
                ["en"] = new("Harbour cranes return to work", "The port reopens after a week of repairs.", "Dock workers returned on Monday.\n\n\"We are back,\" said a foreman."),
                ["es"] = new("Las grúas del puerto vuelven al trabajo", "El puerto reabre tras una semana de reparaciones.", "Los estibadores volvieron el lunes.\n\n«Ya estamos aquí», dijo un capataz."),
            },
            wireCredit,
            sectionId);

    private static string Slugify(string headline) =>
        string.Join('-', new string(headline.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Take(6));
}
