using Gaceta.Cli;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gaceta.Tests.Staff;

/// <summary>Staff accounts: the password rules and the command line that creates them.</summary>
[Collection(SqliteHost.Name)]
public sealed class StaffAccountTests(SqliteApp app)
{
    [Theory]
    [InlineData("password1234")]
    [InlineData("Password2026!")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiopas")]
    [InlineData("aaaaaaaaaaaaaaa")]
    [InlineData("sunshinesunshine")]
    [InlineData("contraseña2026")]
    public void CommonPasswords_AreRefused(string password) => Assert.True(CommonPasswordValidator.IsTooCommon(password));

    [Theory]
    [InlineData("tide clock harbour lamp")]
    [InlineData("k3v-x9q-w2m-ppa")]
    public void UnusualPasswords_AreAccepted(string password) => Assert.False(CommonPasswordValidator.IsTooCommon(password));

    [Fact]
    public async Task ShortOrCommonPasswords_AreRefusedWhenCreatingAnAccount()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var add = scope.ServiceProvider.GetRequiredService<AddStaffMember.Handler>();
        var tooShort = await add.HandleAsync(new AddStaffMember.Command($"short-{Guid.NewGuid():N}@gaceta.test", "Editor", null, null, "tide clock"), CancellationToken.None);
        Assert.Contains(tooShort.Errors, e => e.Code == nameof(IdentityErrorDescriber.PasswordTooShort));
        var common = await add.HandleAsync(new AddStaffMember.Command($"common-{Guid.NewGuid():N}@gaceta.test", "Editor", null, null, "Welcome2026!!"), CancellationToken.None);
        Assert.Contains(common.Errors, e => e.Code == CommonPasswordValidator.ErrorCode);
    }

    [Fact]
    public async Task UsersAdd_GeneratesAPasswordOnce_ThatSignsIn()
    {
        var email = $"cli-{Guid.NewGuid():N}@gaceta.test";
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await Commands.RunAsync(["users", "add", "--email", email, "--role", "editor", "--name", "Ana Editor"], app.Services, new Terminal(output, errors, TextReader.Null, false), CancellationToken.None);

        Assert.Equal(Commands.Ok, code);
        var password = output.ToString().Split(": ")[^1].Trim();
        Assert.Equal(29, password.Length);
        using var browser = StaffSession.NewBrowser(app);
        using var signedIn = await StaffSession.PostPageFormAsync(browser, "/admin/sign-in", [new("email", email), new("password", password)]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin/stories", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task UsersAdd_TakesAPasswordFromStandardInput_AndRefusesBadInput()
    {
        var email = $"stdin-{Guid.NewGuid():N}@gaceta.test";
        using var output = new StringWriter();
        using var errors = new StringWriter();
        using var input = new StringReader("lantern harbour quay\n");
        var created = await Commands.RunAsync(["users", "add", "--email", email, "--role", "Translator", "--password-stdin"], app.Services, new Terminal(output, errors, input, false), CancellationToken.None);
        Assert.Equal(Commands.Ok, created);
        Assert.DoesNotContain("Password", output.ToString(), StringComparison.Ordinal);

        var unknownRole = await Commands.RunAsync(["users", "add", "--email", $"x-{Guid.NewGuid():N}@gaceta.test", "--role", "Owner"], app.Services, new Terminal(output, errors, TextReader.Null, false), CancellationToken.None);
        Assert.Equal(Commands.Failed, unknownRole);
        Assert.Contains("Unknown role", errors.ToString(), StringComparison.Ordinal);

        var missingEmail = await Commands.RunAsync(["users", "add", "--role", "Editor"], app.Services, new Terminal(output, errors, TextReader.Null, false), CancellationToken.None);
        Assert.Equal(Commands.Usage, missingEmail);
    }
}

/// <summary>Administrators change roles and take access away; nobody changes their own account.</summary>
[Collection(SqliteHost.Name)]
public sealed class StaffManagementTests(SqliteApp app)
{
    [Fact]
    public async Task Administrator_ChangesARole_AndTakesAccessAway()
    {
        using var admin = await StaffSession.SignInAsync(app, StaffRoles.Administrator);
        var (email, password, id) = await StaffSession.CreateAccountAsync(app, StaffRoles.Editor);

        using var demoted = await admin.PostAsync("/admin/staff", [new("memberId", id), new("role", "Reporter")], "/admin/staff?handler=Change");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, demoted.StatusCode);
        using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
            Assert.Equal(["Reporter"], await users.GetRolesAsync((await users.FindByIdAsync(id))!));
        }

        using var disabled = await admin.PostAsync("/admin/staff", [new("memberId", id), new("enabled", "false")], "/admin/staff?handler=Change");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, disabled.StatusCode);
        using var browser = StaffSession.NewBrowser(app);
        using var refused = await StaffSession.PostPageFormAsync(browser, "/admin/sign-in", [new("email", email), new("password", password)]);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("disabled", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var enabled = await admin.PostAsync("/admin/staff", [new("memberId", id), new("enabled", "true")], "/admin/staff?handler=Change");
        using var again = await StaffSession.PostPageFormAsync(browser, "/admin/sign-in", [new("email", email), new("password", password)]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task Administrator_CannotChangeTheirOwnAccount()
    {
        using var admin = await StaffSession.SignInAsync(app, StaffRoles.Administrator);
        using var response = await admin.PostAsync("/admin/staff", [new("memberId", admin.Id), new("enabled", "false")], "/admin/staff?handler=Change");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("your own", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
