using Gaceta.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gaceta.BrowserTests;

/// <summary>An editor's day in real Chromium: sign in, write in English, translate into Spanish, publish both.</summary>
public sealed class NewsroomJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Editor_WritesTranslatesAndPublishes_AndReadersSeeBothLanguages()
    {
        // A section to file the story in.
        await app.Stories.CreateBilingualAsync();
        var email = $"editor-{Guid.NewGuid():N}@gaceta.test";
        const string password = "lantern quay tide clock";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<AddStaffMember.Handler>()
                .HandleAsync(new AddStaffMember.Command(email, StaffRoles.Editor, "Marta Editor", "en", password), CancellationToken.None);
            Assert.True(added.Succeeded);
        }

        var page = await app.NewPageAsync();
        await page.GotoAsync("/admin/stories");
        await page.WaitForURLAsync(url => url.Contains("/admin/sign-in", StringComparison.Ordinal));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await WaitForHeadingAsync(page, "Stories");
        Assert.EndsWith("/admin/stories", page.Url, StringComparison.Ordinal);
        await ReaderJourneyTests.AssertNoAxeViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "New story" }).ClickAsync();
        await page.GetByLabel("Headline").FillAsync("Night market returns to the old fish hall");
        await page.GetByLabel("Standfirst").FillAsync("Stalls will open every Friday from December.");
        await page.GetByLabel("Body (Markdown)").FillAsync("The council approved the plan on Tuesday.\n\nTraders welcomed the decision.");
        // The first save of the run also warms the host up: on a loaded machine it may take longer than the default 30 s.
        var saved = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync(),
            response => response.Request.Method == "POST",
            new() { Timeout = 90_000 });
        Assert.True(saved.Status == 302, $"Saving the new story answered {saved.Status}");
        await page.WaitForURLAsync(url => url.EndsWith("/en", StringComparison.Ordinal), new() { Timeout = 90_000 });
        Assert.Equal("night-market-returns-to-the-old-fish-hall", await page.GetByLabel("Address (slug)").InputValueAsync());
        await ReaderJourneyTests.AssertNoAxeViolationsAsync(page);
        // Each button posts the form; the next step waits for the answer to that post, then for the notice of the
        // page it leads to.
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync(), response => response.Request.Method == "POST");
        await page.GetByText("Published.").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Español" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Translate from English" }).ClickAsync();
        await page.GetByLabel("Headline").FillAsync("El mercado nocturno vuelve a la antigua lonja");
        await page.GetByLabel("Standfirst").FillAsync("Los puestos abrirán todos los viernes desde diciembre.");
        await page.GetByLabel("Address (slug)").FillAsync("el-mercado-nocturno-vuelve-a-la-antigua-lonja");
        await page.GetByLabel("Body (Markdown)").FillAsync("El ayuntamiento aprobó el plan el martes.\n\nLos comerciantes celebraron la decisión.");
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync(), response => response.Request.Method == "POST");
        await page.GetByText("Saved.").WaitForAsync();
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync(), response => response.Request.Method == "POST");
        await page.GetByText("Published.").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "View on the reader site" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/el-mercado-nocturno-vuelve-a-la-antigua-lonja", StringComparison.Ordinal));
        Assert.Equal("El mercado nocturno vuelve a la antigua lonja", await page.Locator("main h1").InnerTextAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Read in English" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/night-market-returns-to-the-old-fish-hall", StringComparison.Ordinal));
        Assert.Equal("Night market returns to the old fish hall", await page.Locator("main h1").InnerTextAsync());
    }

    [Fact]
    public async Task PollResults_AndTheOtherStaffPages_PassAxe()
    {
        var poll = await app.Polls.CreateAsync();
        var page = await SignedInAsync(StaffRoles.Administrator, "es", "Noticias");

        foreach (var path in new[]
        {
            $"/admin/polls/{poll.PollId}/results", "/admin/polls", $"/admin/polls/edit/{poll.PollId}",
            "/admin/subscribers", "/admin/subscribers/import", "/admin/staff", "/admin/audit", "/admin/editions", "/admin/editions/edit", "/admin/media", "/admin/redirects", "/admin/imports",
        })
        {
            await page.GotoAsync(path);
            Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));
            await ReaderJourneyTests.AssertNoAxeViolationsAsync(page);
        }
    }

    [Fact]
    public async Task APhotoDroppedOnTheUploadForm_JoinsTheLibrary_AndItsPagePassesAxe()
    {
        var page = await SignedInAsync(StaffRoles.Editor, "en", "Stories");
        await page.GotoAsync("/admin/media");
        await ReaderJourneyTests.AssertNoAxeViolationsAsync(page);

        // A drop as a browser delivers it: a DataTransfer holding the file, on the field's box.
        var name = $"dropped-{Guid.NewGuid():N}.jpg";
        byte[] jpeg;
        using (var image = (NetVips.Image.Black(900, 600, bands: 3) + new double[] { 40, 110, 160 }).Cast(NetVips.Enums.BandFormat.Uchar))
        {
            jpeg = image.JpegsaveBuffer(q: 80);
        }

        await page.EvaluateAsync(
            """
            ([base64, name]) => {
                const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], name, { type: "image/jpeg" }));
                document.querySelector("#file").closest(".drop-zone").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """,
            new object[] { Convert.ToBase64String(jpeg), name });
        Assert.Equal(name, await page.EvaluateAsync<string>("() => document.querySelector('#file').files[0].name"));
        await page.GetByLabel("Alternative text in English").FillAsync("A blue test card");
        await page.GetByLabel("Alternative text in Español").FillAsync("Una carta de ajuste azul");
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync(), response => response.Request.Method == "POST");
        await page.GetByText("The photo is in the library.").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await WaitForHeadingAsync(page, name);
        Assert.StartsWith("{{photo:", await page.Locator("#embed-marker").InputValueAsync(), StringComparison.Ordinal);
        await ReaderJourneyTests.AssertNoAxeViolationsAsync(page);
    }

    /// <summary>A new staff member of <paramref name="role"/>, signed in through the sign-in form.</summary>
    private async Task<IPage> SignedInAsync(string role, string language, string firstHeading)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@gaceta.test";
        var password = $"quay rope gull {Guid.NewGuid():N}";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<AddStaffMember.Handler>()
                .HandleAsync(new AddStaffMember.Command(email, role, $"{role} Test", language, password), CancellationToken.None);
            Assert.True(added.Succeeded);
        }

        var page = await app.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await WaitForHeadingAsync(page, firstHeading);
        return page;
    }

    /// <summary>Waits for the page's main heading; on a timeout, fails with what the page said instead.</summary>
    private static async Task WaitForHeadingAsync(IPage page, string heading)
    {
        try
        {
            await page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 }).WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Expected \"{heading}\" at {page.Url}; the page says: {await page.Locator("body").InnerTextAsync()}");
        }
    }
}
