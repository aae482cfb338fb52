using Gaceta.Staff;

namespace Gaceta.Tests.Staff;

/// <summary>The one table from roles to what they may do.</summary>
public sealed class StaffPermissionsTests
{
    [Fact]
    public void EachCapability_BelongsToTheRolesTheProductDescribes()
    {
        Assert.Equal([StaffRoles.Administrator, StaffRoles.Editor, StaffRoles.Reporter], StaffPermissions.RolesWith(StaffCapability.WriteStories));
        Assert.Equal([StaffRoles.Administrator, StaffRoles.Editor], StaffPermissions.RolesWith(StaffCapability.Publish));
        Assert.Equal([StaffRoles.Administrator, StaffRoles.Editor, StaffRoles.Translator], StaffPermissions.RolesWith(StaffCapability.Translate));
        Assert.Equal([StaffRoles.Administrator], StaffPermissions.RolesWith(StaffCapability.Administer));
    }

    [Fact]
    public void ApiKeys_NeverCarryTheAdministratorsRole()
    {
        Assert.DoesNotContain(StaffRoles.Administrator, StaffPermissions.ApiKeyRoles);
        Assert.Equal([StaffRoles.Editor, StaffRoles.Reporter, StaffRoles.Translator], StaffPermissions.ApiKeyRoles);
        Assert.False(StaffPermissions.Has("Owner", StaffCapability.WriteStories));
        Assert.False(StaffPermissions.Has(null, StaffCapability.Translate));
    }
}
