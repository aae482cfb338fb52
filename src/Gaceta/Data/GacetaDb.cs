using System.ComponentModel.DataAnnotations;
using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Authors;
using Gaceta.Mail;
using Gaceta.Newsletters;
using Gaceta.Polls;
using Gaceta.Sections;
using Gaceta.Security;
using Gaceta.Staff;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Gaceta.Subscribers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gaceta.Data;

/// <summary>
/// Gaceta's one data model. The same model runs on SQLite and PostgreSQL; each engine keeps its own
/// migrations in its own project (see <see cref="DatabaseOptions"/>). Staff accounts are Identity's tables in the
/// same database.
/// </summary>
public class GacetaDb(DbContextOptions<GacetaDb> options) : IdentityDbContext<StaffMember, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Story> Stories => Set<Story>();

    public DbSet<Article> Articles => Set<Article>();

    public DbSet<Section> Sections => Set<Section>();

    public DbSet<Author> Authors => Set<Author>();

    public DbSet<Poll> Polls => Set<Poll>();

    public DbSet<Vote> Votes => Set<Vote>();

    public DbSet<Newsletter> Newsletters => Set<Newsletter>();

    public DbSet<Subscriber> Subscribers => Set<Subscriber>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();

    public DbSet<OutboundMail> OutboundMails => Set<OutboundMail>();

    public DbSet<InstallationSecret> InstallationSecrets => Set<InstallationSecret>();

    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();

    public DbSet<Correction> Corrections => Set<Correction>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<ErasedSubscription> ErasedSubscriptions => Set<ErasedSubscription>();

    public DbSet<Edition> Editions => Set<Edition>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<Suppression> Suppressions => Set<Suppression>();

    public DbSet<SignInLink> SignInLinks => Set<SignInLink>();

    public DbSet<Api.ApiKey> ApiKeys => Set<Api.ApiKey>();

    /// <summary>The keys that protect staff and subscriber cookies, shared by every node and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Wire.WireItem> WireItems => Set<Wire.WireItem>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Every time is stored as UTC. SQLite keeps no kind, so times read back are marked UTC explicitly;
        // PostgreSQL maps UTC DateTime to timestamptz.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<StaffMember>(member =>
        {
            member.Property(m => m.DisplayName).HasMaxLength(200);
            member.Property(m => m.Language).HasMaxLength(LanguageCodeLength);
        });

        builder.Entity<Section>(section =>
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

        builder.Entity<Author>(author =>
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

        builder.Entity<Story>(story =>
        {
            story.HasOne(s => s.Section).WithMany().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Restrict);
            story.Property(s => s.WireCredit).HasMaxLength(ArticleLimits.WireCredit);
            story.OwnsOne(s => s.LeadImage, image =>
            {
                image.Property(i => i.Url).HasColumnName("LeadImageUrl").HasMaxLength(ArticleLimits.ImageUrl);
                image.Property(i => i.Credit).HasColumnName("LeadImageCredit").HasMaxLength(ArticleLimits.ImageCredit);
            });
            story.HasMany(s => s.Articles).WithOne(a => a.Story).HasForeignKey(a => a.StoryId);
            story.HasMany(s => s.Authors).WithOne().HasForeignKey(a => a.StoryId);
            story.Property(s => s.OwnerId).HasMaxLength(IdLength);
            story.Property(s => s.Version).IsConcurrencyToken();
        });

        builder.Entity<StoryAuthor>(byline =>
        {
            byline.ToTable("StoryAuthors");
            byline.HasKey(b => new { b.StoryId, b.AuthorId });
            byline.HasOne(b => b.Author).WithMany().HasForeignKey(b => b.AuthorId).OnDelete(DeleteBehavior.Restrict);
            byline.HasIndex(b => b.AuthorId);
        });

        builder.Entity<Article>(article =>
        {
            article.Property(a => a.Language).HasMaxLength(LanguageCodeLength);
            article.Property(a => a.Headline).HasMaxLength(ArticleLimits.Headline);
            article.Property(a => a.Standfirst).HasMaxLength(ArticleLimits.Standfirst);
            article.Property(a => a.Slug).HasMaxLength(SlugLength);
            article.Property(a => a.LeadImageAlt).HasMaxLength(ArticleLimits.ImageAlt);
            article.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            article.HasIndex(a => new { a.StoryId, a.Language }).IsUnique();
            article.HasIndex(a => new { a.Language, a.Slug }).IsUnique();
            // Reader listings: newest published first within a language.
            article.HasIndex(a => new { a.Language, a.Status, a.PublishedAt });
            // The scheduler looks for scheduled articles that are due.
            article.HasIndex(a => new { a.Status, a.PublishedAt });
            article.Property(a => a.Version).IsConcurrencyToken();
            article.Property(a => a.SourceLanguage).HasMaxLength(LanguageCodeLength);
            article.HasMany(a => a.Revisions).WithOne().HasForeignKey(r => r.ArticleId);
            article.HasMany(a => a.Corrections).WithOne().HasForeignKey(c => c.ArticleId);
        });

        builder.Entity<ArticleRevision>(revision =>
        {
            revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
            revision.Property(r => r.Headline).HasMaxLength(ArticleLimits.Headline);
            revision.Property(r => r.Standfirst).HasMaxLength(ArticleLimits.Standfirst);
            revision.Property(r => r.Slug).HasMaxLength(SlugLength);
            revision.Property(r => r.LeadImageAlt).HasMaxLength(ArticleLimits.ImageAlt);
            revision.Property(r => r.SavedById).HasMaxLength(IdLength);
            revision.Property(r => r.SavedByName).HasMaxLength(200);
        });

        builder.Entity<Correction>(correction =>
        {
            correction.Property(c => c.Text).HasMaxLength(ArticleLimits.Correction);
            correction.Property(c => c.CreatedById).HasMaxLength(IdLength);
            correction.Property(c => c.CreatedByName).HasMaxLength(200);
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.Property(e => e.ActorId).HasMaxLength(IdLength);
            entry.Property(e => e.ActorName).HasMaxLength(200);
            entry.Property(e => e.Action).HasMaxLength(50);
            entry.Property(e => e.Subject).HasMaxLength(500);
            entry.HasIndex(e => e.At);
        });

        ConfigurePolls(builder);
        ConfigureSubscribers(builder);

        builder.Entity<OutboundMail>(mail =>
        {
            mail.Property(m => m.Recipient).HasMaxLength(EmailLength);
            mail.Property(m => m.Purpose).HasMaxLength(50);
            mail.Property(m => m.LastError).HasMaxLength(1000);
            mail.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        });

        builder.Entity<InstallationSecret>(secret =>
        {
            secret.Property(s => s.Id).ValueGeneratedNever();
            secret.Property(s => s.Key).HasMaxLength(64);
        });
    }

    private static void ConfigurePolls(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Poll>(poll =>
        {
            poll.Property(p => p.Key).HasMaxLength(SlugLength);
            poll.HasIndex(p => p.Key).IsUnique();
            poll.Property(p => p.Version).IsConcurrencyToken();
            poll.HasOne(p => p.Newsletter).WithMany().HasForeignKey(p => p.NewsletterId).OnDelete(DeleteBehavior.Restrict);
            poll.OwnsMany(p => p.Questions, question =>
            {
                question.ToTable("PollQuestions");
                question.WithOwner().HasForeignKey("PollId");
                question.HasKey("PollId", nameof(PollQuestion.Language));
                question.Property(q => q.Language).HasMaxLength(LanguageCodeLength);
                question.Property(q => q.Text).HasMaxLength(500);
            });
            poll.HasMany(p => p.Options).WithOne().HasForeignKey(o => o.PollId);
            poll.HasMany(p => p.ConsentTexts).WithOne().HasForeignKey(c => c.PollId);
        });

        modelBuilder.Entity<PollOption>(option =>
        {
            option.OwnsMany(o => o.Texts, text =>
            {
                text.ToTable("PollOptionTexts");
                text.WithOwner().HasForeignKey("PollOptionId");
                text.HasKey("PollOptionId", nameof(PollOptionText.Language));
                text.Property(t => t.Language).HasMaxLength(LanguageCodeLength);
                text.Property(t => t.Text).HasMaxLength(300);
            });
        });

        modelBuilder.Entity<ConsentText>(text =>
        {
            text.Property(t => t.Language).HasMaxLength(LanguageCodeLength);
            text.Property(t => t.Text).HasMaxLength(2000);
            text.HasIndex(t => new { t.PollId, t.Language, t.Version }).IsUnique();
        });

        modelBuilder.Entity<Vote>(vote =>
        {
            vote.Property(v => v.Language).HasMaxLength(LanguageCodeLength);
            vote.Property(v => v.EmailHash).HasMaxLength(64);
            vote.HasOne<Poll>().WithMany().HasForeignKey(v => v.PollId);
            vote.HasOne<PollOption>().WithMany().HasForeignKey(v => v.OptionId).OnDelete(DeleteBehavior.Restrict);
            // One vote per address per poll. Anonymous votes have no hash, and NULLs never collide.
            vote.HasIndex(v => new { v.PollId, v.EmailHash }).IsUnique();
            vote.HasIndex(v => new { v.PollId, v.OptionId });
        });
    }

    private static void ConfigureSubscribers(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Newsletter>(newsletter =>
        {
            newsletter.Property(n => n.Key).HasMaxLength(SlugLength);
            newsletter.HasIndex(n => n.Key).IsUnique();
            newsletter.OwnsMany(n => n.Names, name =>
            {
                name.ToTable("NewsletterNames");
                name.WithOwner().HasForeignKey("NewsletterId");
                name.HasKey("NewsletterId", nameof(NewsletterName.Language));
                name.Property(n => n.Language).HasMaxLength(LanguageCodeLength);
                name.Property(n => n.Name).HasMaxLength(200);
                name.Property(n => n.Description).HasMaxLength(1000);
            });
        });

        modelBuilder.Entity<Subscriber>(subscriber =>
        {
            subscriber.Property(s => s.Email).HasMaxLength(EmailLength);
            subscriber.HasIndex(s => s.Email).IsUnique();
            subscriber.Property(s => s.Language).HasMaxLength(LanguageCodeLength);
            subscriber.Property(s => s.SessionStamp).HasMaxLength(32);
            subscriber.HasMany(s => s.Subscriptions).WithOne(s => s.Subscriber).HasForeignKey(s => s.SubscriberId);
        });

        modelBuilder.Entity<SignInLink>(link =>
            link.HasOne<Subscriber>().WithMany().HasForeignKey(l => l.SubscriberId).OnDelete(DeleteBehavior.Cascade));

        modelBuilder.Entity<Api.ApiKey>(key =>
        {
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Role).HasMaxLength(40);
            key.Property(k => k.SecretHash).HasMaxLength(64);
            key.Property(k => k.CreatedBy).HasMaxLength(200);
        });

        modelBuilder.Entity<Wire.WireItem>(item =>
        {
            item.Property(w => w.Uri).HasMaxLength(Wire.NinjsItem.MaxUriLength);
            item.HasIndex(w => w.Uri).IsUnique();
            item.Property(w => w.Version).HasMaxLength(50);
            item.Property(w => w.Language).HasMaxLength(10);
            item.HasOne<Story>().WithMany().HasForeignKey(w => w.StoryId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Subscription>(subscription =>
        {
            subscription.HasOne(s => s.Newsletter).WithMany().HasForeignKey(s => s.NewsletterId).OnDelete(DeleteBehavior.Restrict);
            subscription.HasIndex(s => new { s.SubscriberId, s.NewsletterId }).IsUnique();
            subscription.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            subscription.Property(s => s.Grant).HasConversion<string>().HasMaxLength(20);
            subscription.Property(s => s.Source).HasConversion<string>().HasMaxLength(20);
            subscription.HasMany(s => s.ConsentRecords).WithOne().HasForeignKey(c => c.SubscriptionId);
        });

        modelBuilder.Entity<ConsentRecord>(consent =>
        {
            consent.Property(c => c.Text).HasMaxLength(2000);
            consent.Property(c => c.Language).HasMaxLength(LanguageCodeLength);
            consent.Property(c => c.PageUrl).HasMaxLength(2000);
            consent.Property(c => c.IpHash).HasMaxLength(64);
        });

        modelBuilder.Entity<ErasedSubscription>(erased =>
            erased.HasOne<Newsletter>().WithMany().HasForeignKey(e => e.NewsletterId).OnDelete(DeleteBehavior.Restrict));

        modelBuilder.Entity<Edition>(edition =>
        {
            edition.HasOne(e => e.Newsletter).WithMany().HasForeignKey(e => e.NewsletterId).OnDelete(DeleteBehavior.Restrict);
            edition.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            edition.Property(e => e.SenderId).HasMaxLength(100);
            edition.Property(e => e.Version).IsConcurrencyToken();
            edition.HasIndex(e => new { e.Status, e.ScheduledAt });
            edition.OwnsMany(e => e.Texts, text =>
            {
                text.ToTable("EditionTexts");
                text.WithOwner().HasForeignKey("EditionId");
                text.HasKey("EditionId", nameof(EditionText.Language));
                text.Property(t => t.Language).HasMaxLength(LanguageCodeLength);
                text.Property(t => t.Subject).HasMaxLength(200);
                text.Property(t => t.Intro).HasMaxLength(10_000);
            });
            edition.HasMany(e => e.Stories).WithOne().HasForeignKey(s => s.EditionId);
        });

        modelBuilder.Entity<EditionStory>(story =>
        {
            story.ToTable("EditionStories");
            story.HasKey(s => new { s.EditionId, s.StoryId });
            story.HasOne<Story>().WithMany().HasForeignKey(s => s.StoryId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Delivery>(delivery =>
        {
            delivery.HasOne<Edition>().WithMany().HasForeignKey(d => d.EditionId);
            delivery.HasOne<Subscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            delivery.Property(d => d.Email).HasMaxLength(EmailLength);
            delivery.Property(d => d.Language).HasMaxLength(LanguageCodeLength);
            delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
            delivery.Property(d => d.ClaimedBy).HasMaxLength(100);
            delivery.Property(d => d.Note).HasMaxLength(500);
            // One copy per subscription per edition, whatever happens.
            delivery.HasIndex(d => new { d.EditionId, d.SubscriptionId }).IsUnique();
            // Workers look for the next pending deliveries of an edition, oldest first.
            delivery.HasIndex(d => new { d.EditionId, d.State, d.NextAttemptAt });
        });

        modelBuilder.Entity<Suppression>(suppression =>
        {
            suppression.Property(s => s.EmailHash).HasMaxLength(64);
            suppression.HasIndex(s => s.EmailHash).IsUnique();
            suppression.Property(s => s.Reason).HasMaxLength(500);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ValidateStories();
        GuardConsentRecords();
        GuardRecords();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ValidateStories();
        GuardConsentRecords();
        GuardRecords();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A story's lead image needs alternative text in every language the story is published or scheduled in. Drafts
    /// may lack it while they are written (a translation started before the image arrived, say).
    /// </summary>
    private void ValidateStories()
    {
        foreach (var entry in ChangeTracker.Entries<Article>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            // Only a new article, or one whose alt text is being changed, is checked: an unrelated update (a
            // correction, a translation marked up to date) must not fail because another field was already empty.
            if (entry.State == EntityState.Modified && !entry.Property(a => a.LeadImageAlt).IsModified)
            {
                continue;
            }

            var article = entry.Entity;
            if (article.Status == ArticleStatus.Draft)
            {
                continue;
            }

            var story = article.Story ?? Stories.Local.FirstOrDefault(s => s.Id == article.StoryId);
            if (story?.LeadImage is not null && string.IsNullOrWhiteSpace(article.LeadImageAlt))
            {
                throw new ValidationException(
                    $"The lead image of story {story.Id} needs alternative text in '{article.Language}'.");
            }
        }
    }

    /// <summary>
    /// Consent records are proof: once written, only their confirmation and withdrawal times may be filled in,
    /// each once. Anything else is a bug, and saving stops before it reaches the database.
    /// </summary>
    private void GuardConsentRecords()
    {
        foreach (var entry in ChangeTracker.Entries<ConsentRecord>())
        {
            if (entry.State == EntityState.Deleted)
            {
                throw new InvalidOperationException("Consent records are never deleted.");
            }

            if (entry.State != EntityState.Modified)
            {
                continue;
            }

            foreach (var property in entry.Properties.Where(p => p.IsModified))
            {
                var writeOnce = property.Metadata.Name is nameof(ConsentRecord.ConfirmedAt) or nameof(ConsentRecord.WithdrawnAt);
                if (!writeOnce || property.OriginalValue is not null)
                {
                    throw new InvalidOperationException($"Consent record {entry.Entity.Id}: {property.Metadata.Name} cannot be changed.");
                }
            }
        }
    }

    /// <summary>Revisions, corrections and the audit log are history: written once, never changed or removed.</summary>
    private void GuardRecords()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is ArticleRevision or Correction or AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} rows are never changed or removed.");
            }
        }
    }

    internal const int EmailLength = 320;
    internal const int LanguageCodeLength = 10;
    internal const int SlugLength = 200;
    internal const int IdLength = 450;

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
