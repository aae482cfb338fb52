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

    public DbSet<Importing.ImportedItem> ImportedItems => Set<Importing.ImportedItem>();

    public DbSet<Importing.ImportRun> ImportRuns => Set<Importing.ImportRun>();

    public DbSet<WorkLease> WorkLeases => Set<WorkLease>();

    public DbSet<Redirects.Redirect> Redirects => Set<Redirects.Redirect>();

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

        // Each feature configures its own entities (its EntityConfigurations folder), one class per entity.
        builder.ApplyConfigurationsFromAssembly(typeof(GacetaDb).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detecting = Checked();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detecting = Checked();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>
    /// Finds what changed once, then runs the checks below and the save on that one finding (each check reads the
    /// tracked entries and changes nothing, so finding again before each would only cost time).
    /// </summary>
    /// <returns>Whether changes were being detected automatically, to restore after the save.</returns>
    private bool Checked()
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }

        try
        {
            ValidateStories();
            GuardConsentRecords();
            GuardRecords();
        }
        catch
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
            throw;
        }

        return detecting;
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

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
