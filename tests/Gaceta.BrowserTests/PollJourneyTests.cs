using Microsoft.Playwright;

namespace Gaceta.BrowserTests;

/// <summary>Answering a poll inside an article in Chromium: with and without JavaScript, and by keyboard alone.</summary>
public sealed class PollJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData("en", "Yes", "Thank you, your vote has been counted.")]
    [InlineData("es", "Sí", "Gracias, su voto se ha contado.")]
    public async Task WithJavaScript_AVoteShowsResultsInPlace_WithoutReloadingThePage(string language, string answer, string thanks)
    {
        var poll = await app.Polls.CreateAsync();
        var page = await app.NewPageAsync();
        await page.GotoAsync(poll.Story.PathIn(language));
        var section = page.Locator($"#poll-{poll.Key}");
        await ReaderJourneyTests.AssertNoAxeViolationsAsync(page);
        await page.EvaluateAsync("window.notReloaded = true");

        // A person takes a moment; a submission within the first second and a half is taken for a script.
        await page.WaitForTimeoutAsync(1600);
        await section.GetByLabel(answer, new() { Exact = true }).CheckAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(5)); // the host's clock, which the form token is checked against
        await section.Locator("button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator($"#poll-{poll.Key} .poll-notice")).ToHaveTextAsync(thanks);
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"), "The page was reloaded.");
        Assert.EndsWith(poll.Story.PathIn(language), page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await app.Polls.StoredVotesAsync(poll.PollId));
        await ReaderJourneyTests.AssertNoAxeViolationsAsync(page);

        // The browser remembers it voted: the article now opens on the results.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator($"#poll-{poll.Key} .poll-bars")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator($"#poll-{poll.Key} form").CountAsync());
    }

    [Theory]
    [InlineData("en", "Choose an answer.")]
    [InlineData("es", "Elija una respuesta.")]
    public async Task WithJavaScript_AnIncompleteVoteShowsTheErrorSummary_FocusedAndAccessible(string language, string message)
    {
        var poll = await app.Polls.CreateAsync();
        var page = await app.NewPageAsync();
        await page.GotoAsync(poll.Story.PathIn(language));
        await page.WaitForTimeoutAsync(1600);

        await page.Locator($"#poll-{poll.Key} button[type=submit]").ClickAsync();

        var summary = page.Locator($"#poll-{poll.Key} .error-summary");
        await Assertions.Expect(summary.Locator("a")).ToHaveTextAsync(message);
        Assert.True(
            await summary.EvaluateAsync<bool>("e => e === document.activeElement"),
            "The error summary did not get focus; focus is on " + await page.EvaluateAsync<string>("document.activeElement.outerHTML.slice(0, 120)"));
        await ReaderJourneyTests.AssertNoAxeViolationsAsync(page);

        await summary.Locator("a").ClickAsync();
        Assert.Equal($"poll-{poll.Key}-option-{poll.OptionIds[0]}", await page.EvaluateAsync<string>("document.activeElement.id"));
    }

    [Theory]
    [InlineData("en", "Back to the article")]
    [InlineData("es", "Volver al artículo")]
    public async Task WithoutJavaScript_TheFormPostsAndTheResultsPageLinksBack(string language, string back)
    {
        var poll = await app.Polls.CreateAsync();
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(poll.Story.PathIn(language));

        await page.Locator($"#poll-{poll.Key} button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(poll.PostPath(language), StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator(".error-summary").CountAsync());

        await page.Locator($"#poll-{poll.Key}-option-{poll.OptionIds[1]}").CheckAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(5)); // the host's clock, which the form token is checked against
        await page.Locator($"#poll-{poll.Key} button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator(".poll-total")).ToBeVisibleAsync();
        Assert.Equal(1, await app.Polls.StoredVotesAsync(poll.PollId));
        await page.GetByRole(AriaRole.Link, new() { Name = back }).ClickAsync();
        Assert.EndsWith(poll.Story.PathIn(language), page.Url, StringComparison.Ordinal);
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public async Task TheFullPageFormWithErrors_AndTheFullPageResults_PassAxe(string language)
    {
        // axe needs scripts, so the plain-HTML pages are reached by submitting the form natively, as a browser
        // without the enhancing script would.
        var poll = await app.Polls.CreateAsync();
        var page = await app.NewPageAsync();
        await page.GotoAsync(poll.Story.PathIn(language));
        var form = page.Locator($"#poll-{poll.Key} form");

        await form.EvaluateAsync("f => HTMLFormElement.prototype.submit.call(f)");
        await page.WaitForURLAsync(url => url.EndsWith(poll.PostPath(language), StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await ReaderJourneyTests.AssertNoAxeViolationsAsync(page);

        await page.Locator($"#poll-{poll.Key}-option-{poll.OptionIds[0]}").CheckAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(5)); // the host's clock, which the form token is checked against
        await page.Locator($"#poll-{poll.Key} form").EvaluateAsync("f => HTMLFormElement.prototype.submit.call(f)");
        await Assertions.Expect(page.Locator(".poll-total")).ToBeVisibleAsync();
        await ReaderJourneyTests.AssertNoAxeViolationsAsync(page);
        Assert.Equal(1, await app.Polls.StoredVotesAsync(poll.PollId));
    }

    [Fact]
    public async Task KeyboardOnly_AReaderCanChooseAnAnswerAndVote()
    {
        var poll = await app.Polls.CreateAsync();
        var page = await app.NewPageAsync();
        await page.GotoAsync(poll.Story.PathIn("en"));
        await page.WaitForTimeoutAsync(1600);

        // Tab from the top of the page into the poll's answers, as a keyboard user would.
        for (var i = 0; i < 60 && await page.EvaluateAsync<string>("document.activeElement.name || ''") != "answer"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("answer", await page.EvaluateAsync<string>("document.activeElement.name"));
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal($"poll-{poll.Key}-option-{poll.OptionIds[1]}", await page.EvaluateAsync<string>("document.activeElement.id"));
        Assert.True(await page.Locator($"#poll-{poll.Key}-option-{poll.OptionIds[1]}").IsCheckedAsync());
        for (var i = 0; i < 10 && await page.EvaluateAsync<string>("document.activeElement.type || ''") != "submit"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        app.Clock.Advance(TimeSpan.FromSeconds(5)); // the host's clock, which the form token is checked against
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator($"#poll-{poll.Key} .poll-notice")).ToBeVisibleAsync();
        Assert.Equal(1, await app.Polls.StoredVotesAsync(poll.PollId));
    }
}
