using System.ComponentModel.DataAnnotations;
using Gaceta.Articles;
using Gaceta.Authors;
using Gaceta.Sections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gaceta.Data;

/// <summary>
/// Gaceta's one data model. The same model runs on SQLite and PostgreSQL; each engine keeps its own
/// migrations in its own project (see <see cref="DatabaseOptions"/>).
/// </summary>
public class GacetaDb(DbContextOptions<GacetaDb> options) : DbContext(options)
{
    public DbSet<Story> Stories => Set<Story>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<Section> Sections => Set<Section>();

    public DbSet<Author> Authors => Set<Author>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Every time is stored as UTC. SQLite keeps no kind, so times read back are marked UTC explicitly;
        // PostgreSQL maps UTC DateTime to timestamptz.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<Section>(section =>
        {
            section.OwnsMany(s => s.Names, name =>
            {
                name.ToTable("SectionNames");
                name.WithOwner().HasForeignKey("SectionId");
                name.HasKey("SectionId", nameof(SectionName.Language));
                name.Property(n => n.Language).HasMaxLength(LanguageCodeLength);
                name.Property(n => n.Name).HasMaxLength(100);
                name.Property(n => n.Slug).HasMaxLength(SlugLength);
                name.HasIndex(n => new { n.Language, n.Slug }).IsUnique();
            });
        });

        modelBuilder.Entity<Author>(author =>
        {
            author.Property(a => a.Slug).HasMaxLength(SlugLength);
            author.HasIndex(a => a.Slug).IsUnique();
            author.Property(a => a.Name).HasMaxLength(200);
            author.OwnsMany(a => a.Bios, bio =>
            {
                bio.ToTable("AuthorBios");
                bio.WithOwner().HasForeignKey("AuthorId");
                bio.HasKey("AuthorId", nameof(AuthorBio.Language));
                bio.Property(b => b.Language).HasMaxLength(LanguageCodeLength);
                bio.Property(b => b.Text).HasMaxLength(2000);
            });
        });

        modelBuilder.Entity<Story>(story =>
        {
            story.HasOne(s => s.Section).WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Restrict);
            story.Property(s => s.WireCredit).HasMaxLength(100);
            story.OwnsOne(s => s.LeadImage, image =>
            {
                image.Property(i => i.Url).HasColumnName("LeadImageUrl").HasMaxLength(2000);
                image.Property(i => i.Credit).HasColumnName("LeadImageCredit").HasMaxLength(200);
            });
            story.HasMany(s => s.Articles).WithOne(a => a.Story).HasForeignKey(a => a.StoryId);
            story.HasMany(s => s.Authors).WithOne().HasForeignKey(a => a.StoryId);
        });

        modelBuilder.Entity<StoryAuthor>(byline =>
        {
            byline.ToTable("StoryAuthors");
            byline.HasKey(b => new { b.StoryId, b.AuthorId });
            byline.HasOne(b => b.Author).WithMany().HasForeignKey(b => b.AuthorId).OnDelete(DeleteBehavior.Restrict);
            byline.HasIndex(b => b.AuthorId);
        });

        modelBuilder.Entity<Article>(article =>
        {
            article.Property(a => a.Language).HasMaxLength(LanguageCodeLength);
            article.Property(a => a.Headline).HasMaxLength(300);
            article.Property(a => a.Standfirst).HasMaxLength(1000);
            article.Property(a => a.Slug).HasMaxLength(SlugLength);
            article.Property(a => a.LeadImageAlt).HasMaxLength(500);
            article.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            article.HasIndex(a => new { a.StoryId, a.Language }).IsUnique();
            article.HasIndex(a => new { a.Language, a.Slug }).IsUnique();
            // Reader listings: newest published first within a language.
            article.HasIndex(a => new { a.Language, a.Status, a.PublishedAt });
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ValidateStories();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ValidateStories();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>A story's lead image needs alternative text in every language the story is published in.</summary>
    private void ValidateStories()
    {
        foreach (var entry in ChangeTracker.Entries<Article>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            var article = entry.Entity;
            var story = article.Story ?? Stories.Local.FirstOrDefault(s => s.Id == article.StoryId);
            if (story?.LeadImage is not null && string.IsNullOrWhiteSpace(article.LeadImageAlt))
            {
                throw new ValidationException(
                    $"The lead image of story {story.Id} needs alternative text in '{article.Language}'.");
            }
        }
    }

    internal const int LanguageCodeLength = 10;
    internal const int SlugLength = 200;

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
