using System.Text.Json;
using Gaceta.Articles;
using Gaceta.Authors;
using Gaceta.Data;
using Gaceta.Media;
using Gaceta.Newsletters;
using Gaceta.Polls;
using Gaceta.Sections;
using Gaceta.Site;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Demo;

/// <summary>
/// Fills an empty database with the demo newsroom's sample stories (written for Gaceta, in
/// <c>demo-content.json</c>). A database that already holds a story is left alone.
/// </summary>
public sealed class DemoSeeder(GacetaDb db, TimeProvider time, SiteLanguages languages)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>The number of stories added: zero when the database was not empty.</returns>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Stories.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var content = await LoadAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var sections = content.Sections.Select((s, i) => (s.Key, Section: new Section
        {
            Position = i,
            Names = s.Names.Where(n => languages.IsSupported(n.Key))
                .Select(n => new SectionName { Language = n.Key, Name = n.Value.Name, Slug = n.Value.Slug })
                .ToList(),
        })).ToDictionary(p => p.Key, p => p.Section);
        var authors = content.Authors.ToDictionary(a => a.Slug, a => new Author
        {
            Slug = a.Slug,
            Name = a.Name,
            Bios = a.Bios.Where(b => languages.IsSupported(b.Key))
                .Select(b => new AuthorBio { Language = b.Key, Text = b.Value })
                .ToList(),
        });

        var newsletters = content.Newsletters.ToDictionary(n => n.Key, n => new Newsletter
        {
            Key = n.Key,
            IsPremium = n.Premium,
            CreatedAt = now,
            Names = n.Names.Where(x => languages.IsSupported(x.Key))
                .Select(x => new NewsletterName { Language = x.Key, Name = x.Value.Name, Description = x.Value.Description })
                .ToList(),
        });
        db.Newsletters.AddRange(newsletters.Values);
        db.Polls.AddRange(content.Polls.Select(p => new Poll
        {
            Key = p.Key,
            Newsletter = p.Newsletter is null ? null : newsletters[p.Newsletter],
            CreatedAt = now,
            Questions = p.Questions.Where(q => languages.IsSupported(q.Key))
                .Select(q => new PollQuestion { Language = q.Key, Text = q.Value })
                .ToList(),
            Options = p.Options.Select((o, i) => new PollOption
            {
                Position = i,
                Texts = o.Where(t => languages.IsSupported(t.Key)).Select(t => new PollOptionText { Language = t.Key, Text = t.Value }).ToList(),
            }).ToList(),
            ConsentTexts = (p.Consent ?? []).Where(c => languages.IsSupported(c.Key))
                .Select(c => new ConsentText { Language = c.Key, Version = 1, Text = c.Value, CreatedAt = now })
                .ToList(),
        }));

        // The illustrations are library photos like any other, so the demo shows responsive images.
        var photos = new Dictionary<string, MediaItem>();
        foreach (var image in content.Stories.Select(s => s.LeadImage).OfType<DemoImage>().DistinctBy(i => i.File))
        {
            photos[image.File] = await PhotoAsync(image, now, cancellationToken);
        }

        db.AddRange(photos.Values);
        return await db.InTransactionAsync(
            async () =>
            {
                await db.SaveChangesAsync(cancellationToken);
                var added = AddStories(content, sections, authors, photos, now);
                await db.SaveChangesAsync(cancellationToken);
                return added;
            },
            cancellationToken);
    }

    private int AddStories(DemoContent content, Dictionary<string, Section> sections, Dictionary<string, Author> authors, Dictionary<string, MediaItem> photos, DateTime now)
    {
        var added = 0;
        foreach (var item in content.Stories)
        {
            var articles = item.Articles.Where(a => languages.IsSupported(a.Key)).ToList();
            if (articles.Count == 0)
            {
                continue;
            }

            var publishedAt = now.AddHours(-item.PublishedHoursAgo);
            // The first language given is the original; the others are translations of its first revision.
            var original = articles.First().Key;
            var story = new Story
            {
                Section = sections[item.Section],
                WireCredit = item.WireCredit,
                LeadMediaId = item.LeadImage is null ? null : photos[item.LeadImage.File].Id,
                CreatedAt = publishedAt,
                Authors = item.Authors.Select((slug, i) => new StoryAuthor { Author = authors[slug], Position = i }).ToList(),
                Articles = articles.Select(a => new Article
                {
                    Language = a.Key,
                    Headline = a.Value.Headline,
                    Standfirst = a.Value.Standfirst,
                    Slug = a.Value.Slug,
                    Body = a.Value.Body,
                    Status = ArticleStatus.Published,
                    PublishedAt = publishedAt,
                    CreatedAt = publishedAt,
                    UpdatedAt = publishedAt,
                    Version = 1,
                    Revision = 1,
                    SourceLanguage = a.Key == original ? null : original,
                    SourceRevision = a.Key == original ? null : 1,
                    Revisions =
                    [
                        new ArticleRevision
                        {
                            Number = 1,
                            Headline = a.Value.Headline,
                            Standfirst = a.Value.Standfirst,
                            Slug = a.Value.Slug,
                            Body = a.Value.Body,
                            SavedAt = publishedAt,
                            SavedByName = "demo",
                        },
                    ],
                }).ToList(),
            };
            db.Stories.Add(story);
            added++;
        }

        return added;
    }

    private async Task<MediaItem> PhotoAsync(DemoImage image, DateTime now, CancellationToken cancellationToken)
    {
        byte[] bytes;
        await using (var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("Gaceta.Demo." + image.File)
            ?? throw new InvalidOperationException($"The demo illustration {image.File} is missing from the assembly."))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        var header = PhotoProcessor.Probe(bytes);
        return new MediaItem
        {
            Hash = MediaItem.HashOf(bytes),
            FileName = image.File,
            Format = ImageSniffer.Detect(bytes) ?? throw new InvalidOperationException($"The demo illustration {image.File} is not a photo."),
            Width = header.Width,
            Height = header.Height,
            ByteCount = bytes.Length,
            Credit = image.Credit,
            CreatedAt = now,
            Texts = image.Alt.Where(a => languages.IsSupported(a.Key)).Select(a => new MediaText { Language = a.Key, Alt = a.Value }).ToList(),
            Original = new MediaOriginal { Bytes = bytes },
        };
    }

    private static async Task<DemoContent> LoadAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("Gaceta.Demo.demo-content.json")
            ?? throw new InvalidOperationException("The demo content is missing from the assembly.");
        return await JsonSerializer.DeserializeAsync<DemoContent>(stream, Json, cancellationToken)
            ?? throw new InvalidOperationException("The demo content is empty.");
    }

    private sealed record DemoContent(
        List<DemoSection> Sections,
        List<DemoAuthor> Authors,
        List<DemoStory> Stories,
        List<DemoNewsletter> Newsletters,
        List<DemoPoll> Polls);

    private sealed record DemoNewsletter(string Key, bool Premium, Dictionary<string, DemoNewsletterName> Names);

    private sealed record DemoNewsletterName(string Name, string? Description);

    private sealed record DemoPoll(
        string Key,
        string? Newsletter,
        Dictionary<string, string> Questions,
        List<Dictionary<string, string>> Options,
        Dictionary<string, string>? Consent);

    private sealed record DemoSection(string Key, Dictionary<string, DemoSectionName> Names);

    private sealed record DemoSectionName(string Name, string Slug);

    private sealed record DemoAuthor(string Slug, string Name, Dictionary<string, string> Bios);

    private sealed record DemoStory(
        string Key,
        string Section,
        List<string> Authors,
        string? WireCredit,
        DemoImage? LeadImage,
        double PublishedHoursAgo,
        Dictionary<string, DemoArticle> Articles);

    /// <param name="File">An illustration shipped with the demo content, as a library photo.</param>
    private sealed record DemoImage(string File, Dictionary<string, string> Alt, string? Credit);

    private sealed record DemoArticle(string Headline, string Standfirst, string Slug, string Body);
}
