using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Authors;
using Gaceta.Sections;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Audit;

/// <summary>
/// An audit entry is written in the same transaction as the change it records: when the entry cannot be
/// written, the change is not made either. Run on the core alone, on each engine.
/// </summary>
public abstract class AuditTransactionTests(SliceFixture slice)
{
    private static readonly Actor Administrator = new("slice-admin", "Slice Administrator", StaffRoles.Administrator);

    [Fact]
    public async Task ARoleChange_WhoseEntryCannotBeWritten_LeavesTheRoleAsItWas()
    {
        var email = $"editor-{Guid.NewGuid():N}@gaceta.test";
        var added = await slice.SendAsync<AddStaffMember.Handler, AddStaffMember.Result>(h =>
            h.HandleAsync(new AddStaffMember.Command(email, StaffRoles.Editor, "Ed", "en", null), CancellationToken.None));
        Assert.True(added.Succeeded);

        using (slice.Failures.FailWhenAdding<AuditEntry>())
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => slice.SendAsync<ManageStaffMember.Handler, ManageStaffMember.Outcome>(h =>
                h.HandleAsync(new ManageStaffMember.Command(added.Id!, StaffRoles.Reporter, false, Administrator), CancellationToken.None)));
        }

        var (roles, locked) = await slice.ExecuteScopeAsync(async provider =>
        {
            var users = provider.GetRequiredService<UserManager<StaffMember>>();
            var member = await users.FindByIdAsync(added.Id!);
            return (await users.GetRolesAsync(member!), await users.IsLockedOutAsync(member!));
        });
        Assert.Equal([StaffRoles.Editor], roles);
        Assert.False(locked);

        // And with the log writable, the same change lands with its entries.
        var changed = await slice.SendAsync<ManageStaffMember.Handler, ManageStaffMember.Outcome>(h =>
            h.HandleAsync(new ManageStaffMember.Command(added.Id!, StaffRoles.Reporter, null, Administrator), CancellationToken.None));
        Assert.Equal(ManageStaffMember.Outcome.Changed, changed);
        Assert.Equal(1, await slice.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.StaffRoleChanged && e.Subject.StartsWith(email))));
    }

    [Fact]
    public async Task ScheduledPublishing_WhoseEntryCannotBeWritten_LeavesTheArticleScheduled()
    {
        var (sectionId, authorId) = await SectionAndAuthorAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var saved = await slice.SendAsync<EditStory.Handler, EditStory.Result>(h => h.HandleAsync(
            new EditStory.Command(
                null,
                "en",
                0,
                0,
                new EditStory.StoryFields(sectionId, [authorId], null, null, null),
                new EditStory.ArticleFields($"Tide tables at noon {tag}", "Published on time.", $"tide-tables-{tag}", "The tables are out.", null),
                EditStory.Intent.Schedule,
                slice.Clock.GetUtcNow().UtcDateTime.AddHours(1),
                Administrator),
            CancellationToken.None));
        Assert.Equal(EditStory.Outcome.Saved, saved.Outcome);
        slice.Clock.Advance(TimeSpan.FromHours(2));

        using (slice.Failures.FailWhenAdding<AuditEntry>())
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => slice.SendAsync<PublishScheduledArticles.Handler, IReadOnlyList<ReaderChange>>(h =>
                h.HandleAsync(CancellationToken.None)));
        }

        Assert.Equal(ArticleStatus.Scheduled, await StatusAsync(saved.StoryId));

        var published = await slice.SendAsync<PublishScheduledArticles.Handler, IReadOnlyList<ReaderChange>>(h => h.HandleAsync(CancellationToken.None));
        Assert.Contains(published, c => c.StoryId == saved.StoryId);
        Assert.Equal(ArticleStatus.Published, await StatusAsync(saved.StoryId));
        Assert.Equal(1, await slice.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ArticlePublished && e.Subject.StartsWith($"story {saved.StoryId} "))));
    }

    private Task<ArticleStatus> StatusAsync(int storyId) =>
        slice.WithDbAsync(db => db.Articles.Where(a => a.StoryId == storyId).Select(a => a.Status).SingleAsync());

    /// <summary>Sections and authors are reference data with no use case of their own yet: they are rows.</summary>
    private Task<(int SectionId, int AuthorId)> SectionAndAuthorAsync() => slice.WithDbAsync(async db =>
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var section = new Section
        {
            Position = 100,
            Names =
            [
                new SectionName { Language = "en", Name = $"Coast {tag}", Slug = $"coast-{tag}" },
                new SectionName { Language = "es", Name = $"Costa {tag}", Slug = $"costa-{tag}" },
            ],
        };
        var author = new Author { Slug = $"writer-{tag}", Name = $"Writer {tag}" };
        db.AddRange(section, author);
        await db.SaveChangesAsync();
        return (section.Id, author.Id);
    });
}

[Collection(SqliteSliceHost.Name)]
public sealed class SqliteAuditTransactionTests(SqliteSlice slice) : AuditTransactionTests(slice);

[Collection(PostgresSliceHost.Name)]
public sealed class PostgresAuditTransactionTests(PostgresSlice slice) : AuditTransactionTests(slice);
