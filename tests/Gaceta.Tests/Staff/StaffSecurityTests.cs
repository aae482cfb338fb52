using System.Net;
using System.Security.Cryptography;
using Gaceta.Staff;
using Gaceta.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Tests.Staff;

/// <summary>A host where editors and administrators must sign in with a second factor, as by default.</summary>
public sealed class TwoFactorApp() : GacetaApp(DatabaseEngine.Sqlite)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Staff:TwoFactorRoles"] = "Administrator,Editor",
    };
}

/// <summary>Staff passwords, sessions, throttling and the operator's recovery commands, on each engine.</summary>
public abstract class StaffSecurityTests(GacetaApp app)
{
    [Theory]
    [InlineData("en", "Too many wrong attempts for this account from your connection. Wait 30 seconds and try again.")]
    [InlineData("es", "Demasiados intentos fallidos para esta cuenta desde su conexión. Espere 30 segundos y vuelva a intentarlo.")]
    public async Task WrongPasswords_SlowTheGuesser_ButNeverLockTheEditorOut(string language, string message)
    {
        var (email, password, _) = await StaffSession.CreateAccountAsync(app, StaffRoles.Editor);
        using var attacker = StaffSession.NewBrowser(app);
        attacker.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await StaffSession.PostPageFormAsync(attacker, "/admin/sign-in", [new("email", email), new("password", "not the password at all")]);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        // The guesser waits, even with the right password...
        using var slowed = await StaffSession.PostPageFormAsync(attacker, "/admin/sign-in", [new("email", email), new("password", password)]);
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.Equal(message, Html.Parse(await slowed.Content.ReadAsStringAsync()).QuerySelector(".form-error").Text());

        // ...while the editor at their own desk signs in at once.
        using var editor = StaffSession.NewBrowser(app);
        using var signedIn = await StaffSession.PostPageFormAsync(editor, "/admin/sign-in", [new("email", email), new("password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        // And after the wait the guesser's next try is looked at again.
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        using var later = await StaffSession.PostPageFormAsync(attacker, "/admin/sign-in", [new("email", email), new("password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email && u.LockoutEnd != null)));
    }

    [Fact]
    public async Task SigningOut_EndsACopiedCookieToo()
    {
        var (email, password, _) = await StaffSession.CreateAccountAsync(app, StaffRoles.Reporter);
        var cookie = await CookieAsync(email, password);
        using var thief = Bare();
        using (var before = await GetAsync(thief, "/admin/stories", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // The owner signs out in their own browser, holding the same cookie.
        using (var owner = Bare())
        {
            var page = await GetAsync(owner, "/admin/sign-out", cookie);
            var token = Html.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var antiforgery = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c[..c.IndexOf(';', StringComparison.Ordinal)]));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/sign-out") { Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]) };
            request.Headers.Add("Cookie", $"{cookie}; {antiforgery}");
            using var signedOut = await owner.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        using var after = await GetAsync(thief, "/admin/stories", cookie);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/admin/sign-in", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "The current password is wrong.", "The new password and its repetition differ.", "The new password needs at least 12 characters.")]
    [InlineData("es", "La contraseña actual no es correcta.", "La nueva contraseña y su repetición no coinciden.", "La nueva contraseña necesita al menos 12 caracteres.")]
    public async Task ChangingYourPassword_ChecksTheCurrentOne_AndEndsYourOtherSessions(string language, string wrongCurrent, string mismatch, string tooShort)
    {
        var (email, password, _) = await StaffSession.CreateAccountAsync(app, StaffRoles.Translator, language);
        using var here = StaffSession.NewBrowser(app);
        using (var signIn = await StaffSession.PostPageFormAsync(here, "/admin/sign-in", [new("email", email), new("password", password)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using var elsewhere = StaffSession.NewBrowser(app);
        using (var signIn = await StaffSession.PostPageFormAsync(elsewhere, "/admin/sign-in", [new("email", email), new("password", password)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        async Task<string> RefusedAsync(string current, string next, string repeat)
        {
            using var response = await StaffSession.PostPageFormAsync(here, "/admin/account/password", [new("current", current), new("new", next), new("repeat", repeat)]);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".error-summary li").Text();
        }

        var fresh = $"seaweed lantern {Guid.NewGuid():N}";
        Assert.Equal(wrongCurrent, await RefusedAsync("not my password", fresh, fresh));
        Assert.Equal(mismatch, await RefusedAsync(password, fresh, fresh + "x"));
        Assert.Equal(tooShort, await RefusedAsync(password, "short", "short"));

        using (var changed = await StaffSession.PostPageFormAsync(here, "/admin/account/password", [new("current", password), new("new", fresh), new("repeat", fresh)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        using var stillHere = await here.GetAsync(new Uri("/admin/stories", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillHere.StatusCode);
        using var ended = await elsewhere.GetAsync(new Uri("/admin/stories", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        using var withNew = StaffSession.NewBrowser(app);
        using var again = await StaffSession.PostPageFormAsync(withNew, "/admin/sign-in", [new("email", email), new("password", fresh)]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task APasswordAnAdministratorSet_MustBeChangedAtFirstSignIn()
    {
        using var admin = await StaffSession.SignInAsync(app, StaffRoles.Administrator);
        var email = $"new-{Guid.NewGuid():N}@gaceta.test";
        string generated;
        using (var created = await admin.PostAsync("/admin/staff", [new("email", email), new("role", StaffRoles.Reporter), new("displayName", "New Reporter"), new("language", "es")]))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            generated = Html.Parse(await created.Content.ReadAsStringAsync()).QuerySelector("code.password")!.TextContent.Trim();
        }

        using var browser = StaffSession.NewBrowser(app);
        using (var signIn = await StaffSession.PostPageFormAsync(browser, "/admin/sign-in", [new("email", email), new("password", generated)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using (var held = await browser.GetAsync(new Uri("/admin/stories", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
            Assert.Equal("/admin/account/password", held.Headers.Location?.OriginalString);
        }

        var page = await browser.GetDocumentAsync("/admin/account/password");
        Assert.Equal("Su contraseña la eligió otra persona. Elija una suya antes de seguir.", page.QuerySelector(".notice").Text());
        var mine = $"harbour gulls {Guid.NewGuid():N}";
        using (var changed = await StaffSession.PostPageFormAsync(browser, "/admin/account/password", [new("current", generated), new("new", mine), new("repeat", mine)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        using var free = await browser.GetAsync(new Uri("/admin/stories", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
    }

    [Fact]
    public async Task TheCommandLine_ResetsAPassword_EndingEverySession()
    {
        var (email, password, _) = await StaffSession.CreateAccountAsync(app, StaffRoles.Reporter);
        var cookie = await CookieAsync(email, password);

        var reset = await CliProcess.RunAsync(app, "users", "reset-password", "--email", email.ToUpperInvariant());

        Assert.Equal(0, reset.ExitCode);
        var generated = reset.Output.Trim().Split('\n')[^1].Trim();
        Assert.Matches("^[a-z2-9]{5}(-[a-z2-9]{5}){4}$", generated);
        using var thief = Bare();
        using var ended = await GetAsync(thief, "/admin/stories", cookie);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        using var browser = StaffSession.NewBrowser(app);
        using var old = await StaffSession.PostPageFormAsync(browser, "/admin/sign-in", [new("email", email), new("password", password)]);
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        using var renewed = await StaffSession.PostPageFormAsync(browser, "/admin/sign-in", [new("email", email), new("password", generated)]);
        Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
        using var held = await browser.GetAsync(new Uri("/admin/stories", UriKind.Relative));
        Assert.Equal("/admin/account/password", held.Headers.Location?.OriginalString);

        var unknown = await CliProcess.RunAsync(app, "users", "reset-password", "--email", $"nobody-{Guid.NewGuid():N}@gaceta.test");
        Assert.Equal(1, unknown.ExitCode);
        Assert.DoesNotContain("   at ", unknown.Errors, StringComparison.Ordinal);
    }

    private HttpClient Bare() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri(GacetaApp.PublicUrl) });

    /// <summary>Signs in and returns the staff cookie as a browser sends it back, to copy it as a thief would.</summary>
    private async Task<string> CookieAsync(string email, string password)
    {
        using var browser = StaffSession.NewBrowser(app);
        var page = await browser.GetDocumentAsync("/admin/sign-in");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await browser.PostFormAsync("/admin/sign-in", [new("email", email), new("password", password), new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var set = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gaceta-staff=", StringComparison.Ordinal));
        return set[..set.IndexOf(';', StringComparison.Ordinal)];
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}

[Collection(SqliteHost.Name)]
public sealed class StaffSecurityOnSqlite(SqliteApp app) : StaffSecurityTests(app);

[Collection(PostgresHost.Name)]
public sealed class StaffSecurityOnPostgres(PostgresApp app) : StaffSecurityTests(app);

/// <summary>Two-factor sign-in with an authenticator app, required of editors and administrators.</summary>
public sealed class TwoFactorTests(TwoFactorApp app) : IClassFixture<TwoFactorApp>
{
    [Fact]
    public async Task AnEditor_IsHeldAtEnrolment_ThenSignsInWithACode_OrARecoveryCodeOnce()
    {
        var (email, password, _) = await StaffSession.CreateAccountAsync(app, StaffRoles.Editor, "es");
        using var browser = StaffSession.NewBrowser(app);
        using (var signIn = await StaffSession.PostPageFormAsync(browser, "/admin/sign-in", [new("email", email), new("password", password)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        using (var held = await browser.GetAsync(new Uri("/admin/stories", UriKind.Relative)))
        {
            Assert.Equal("/admin/account/two-factor", held.Headers.Location?.OriginalString);
        }

        using (var api = await browser.GetAsync(new Uri("/admin/api/slug?language=en&headline=x", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        }

        using var enrolment = await browser.GetAsync(new Uri("/admin/account/two-factor", UriKind.Relative));
        var html = await enrolment.Content.ReadAsStringAsync();
        var page = Html.Parse(html);
        Assert.Equal("Su puesto exige entrar en dos pasos: configúrelo para seguir.", page.QuerySelector(".notice").Text());
        var qr = page.QuerySelector(".qr[role=img] svg");
        Assert.NotNull(qr);
        Assert.Null(page.QuerySelector(".qr [style]"));
        Assert.DoesNotContain("unsafe-inline", enrolment.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var key = page.QuerySelector(".authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal);

        using (var wrong = await StaffSession.PostPageFormAsync(browser, "/admin/account/two-factor", [new("code", "000000")], "/admin/account/two-factor?handler=Enable"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        string recovery;
        using (var enabled = await StaffSession.PostPageFormAsync(browser, "/admin/account/two-factor", [new("code", Totp(key))], "/admin/account/two-factor?handler=Enable"))
        {
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
            var codes = Html.Parse(await enabled.Content.ReadAsStringAsync()).QuerySelectorAll(".codes code").Select(c => c.TextContent).ToList();
            Assert.Equal(10, codes.Count);
            recovery = codes[0];
        }

        using (var free = await browser.GetAsync(new Uri("/admin/stories", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        }

        // Next time the password leads to the code step.
        async Task<HttpClient> PasswordStepAsync()
        {
            var next = StaffSession.NewBrowser(app);
            using var first = await StaffSession.PostPageFormAsync(next, "/admin/sign-in", [new("email", email), new("password", password)]);
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
            Assert.StartsWith("/admin/sign-in/code", first.Headers.Location?.OriginalString, StringComparison.Ordinal);
            using var notYet = await next.GetAsync(new Uri("/admin/stories", UriKind.Relative));
            Assert.Contains("/admin/sign-in", notYet.Headers.Location!.OriginalString, StringComparison.Ordinal);
            return next;
        }

        using var withApp = await PasswordStepAsync();
        using (var wrongCode = await StaffSession.PostPageFormAsync(withApp, "/admin/sign-in/code", [new("code", "123456")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        }

        using (var rightCode = await StaffSession.PostPageFormAsync(withApp, "/admin/sign-in/code", [new("code", Totp(key))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, rightCode.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await withApp.GetAsync(new Uri("/admin/stories", UriKind.Relative))).StatusCode);
        }

        using var withRecovery = await PasswordStepAsync();
        using (var recovered = await StaffSession.PostPageFormAsync(withRecovery, "/admin/sign-in/code", [new("code", recovery)]))
        {
            Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        }

        using var reused = await PasswordStepAsync();
        using (var again = await StaffSession.PostPageFormAsync(reused, "/admin/sign-in/code", [new("code", recovery)]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        }

        // The operator takes the second factor away: sessions end, and the editor enrols again.
        var reset = await CliProcess.RunAsync(app, "users", "reset-2fa", "--email", email);
        Assert.Equal(0, reset.ExitCode);
        Assert.Equal(HttpStatusCode.Redirect, (await withApp.GetAsync(new Uri("/admin/stories", UriKind.Relative))).StatusCode);
        using var afterReset = StaffSession.NewBrowser(app);
        using (var signIn = await StaffSession.PostPageFormAsync(afterReset, "/admin/sign-in", [new("email", email), new("password", password)]))
        {
            Assert.Equal("/admin/stories", signIn.Headers.Location?.OriginalString);
        }

        using var enrolAgain = await afterReset.GetAsync(new Uri("/admin/stories", UriKind.Relative));
        Assert.Equal("/admin/account/two-factor", enrolAgain.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AReporter_IsNotHeld_AndMayTurnTheSecondFactorOnAndOff()
    {
        using var reporter = await StaffSession.SignInAsync(app, StaffRoles.Reporter);
        using var free = await reporter.Client.GetAsync(new Uri("/admin/stories", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        var page = await reporter.Client.GetDocumentAsync("/admin/account/two-factor");
        var key = page.QuerySelector(".authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal);
        using (var enabled = await reporter.PostAsync("/admin/account/two-factor", [new("code", Totp(key))], "/admin/account/two-factor?handler=Enable"))
        {
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }

        using var disabled = await reporter.PostAsync("/admin/account/two-factor", [], "/admin/account/two-factor?handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Email == reporter.Email).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task ASession_EndsAfterItsAbsoluteLifetime_HoweverActive()
    {
        using var reporter = await StaffSession.SignInAsync(app, StaffRoles.Reporter);
        for (var hour = 0; hour < 11; hour += 3)
        {
            app.Clock.Advance(TimeSpan.FromHours(3));
            using var active = await reporter.Client.GetAsync(new Uri("/admin/stories", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromHours(1.5));
        using var ended = await reporter.Client.GetAsync(new Uri("/admin/stories", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
    }

    /// <summary>The current RFC 6238 code for a base32 key: what an authenticator app shows.</summary>
    private static string Totp(string base32)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32.ToUpperInvariant().TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 as authenticator apps run it: HMAC-SHA1 is the algorithm they use.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var code = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (code % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
