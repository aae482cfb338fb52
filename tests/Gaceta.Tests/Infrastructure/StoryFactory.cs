using Gaceta.Articles;
using Gaceta.Authors;
using Gaceta.Sections;

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
/// Creates stories the way the newsroom will publish them: rows in the database, then the cached pages they
/// touch evicted. Every name and slug is unique, so tests never see each other's data.
/// </summary>
public sealed class StoryFactory(GacetaApp app)
{
    /// <param name="articles">Article per language code.</param>
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

        var created = await app.WithDbAsync(async db =>
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
            var story = new Story
            {
                Section = section,
                WireCredit = wireCredit,
                CreatedAt = now,
                Authors = [new StoryAuthor { Author = author, Position = 0 }],
                Articles = articles.Select(a => new Article
                {
                    Language = a.Key,
                    Headline = a.Value.Headline,
                    Standfirst = a.Value.Standfirst,
                    Slug = $"{Slugify(a.Value.Headline)}-{tag}",
                    Body = a.Value.Body,
                    Status = a.Value.Status,
                    PublishedAt = a.Value.Status == ArticleStatus.Published ? now + a.Value.PublishedIn : null,
                    CreatedAt = now,
                    UpdatedAt = now,
                }).ToList(),
            };
            db.Stories.Add(story);
            await db.SaveChangesAsync();
            return (story, section, author);
        });

        var (storyRow, sectionRow, authorRow) = created;
        var result = new CreatedStory(
            storyRow.Id,
            sectionRow.Id,
            authorRow.Id,
            authorRow.Slug,
            authorRow.Name,
            sectionRow.Names.ToDictionary(n => n.Language, n => n.Slug),
            sectionRow.Names.ToDictionary(n => n.Language, n => n.Name),
            storyRow.Articles
                .Where(a => a.PublishedAt is not null)
                .ToDictionary(a => a.Language, a => ArticlePaths.Article(a.Language, a.PublishedAt!.Value, a.Slug)),
            now);
        await app.EvictStoryAsync(result);
        return result;
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
