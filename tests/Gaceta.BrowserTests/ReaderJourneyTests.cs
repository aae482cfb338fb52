using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Gaceta.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gaceta.BrowserTests;

/// <summary>A reader's trip through the site in real Chromium, with axe checking every page it lands on.</summary>
public sealed class ReaderJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Reader_FollowsLeerEnEspanol_UsesTheSkipLink_AndBothPagesPassAxe()
    {
        var story = await app.Stories.CreateAsync(new Dictionary<string, ArticleSpec>
        {
            ["en"] = new(
                "Ferry crews agree a new winter timetable",
                "Crossings to the islands will run every ninety minutes from December.",
                "The ferry company and its crews reached an agreement late on Thursday.\n\n" +
                "> \"It is a fair compromise,\" said the crews' spokesperson.\n\n## What changes\n\n- More sailings at dawn\n- A later last boat"),
            ["es"] = new(
                "Las tripulaciones de los ferris pactan un nuevo horario de invierno",
                "Los trayectos a las islas saldrán cada noventa minutos a partir de diciembre.",
                "La naviera y sus tripulaciones alcanzaron un acuerdo el jueves por la noche.\n\n" +
                "> «Es un compromiso justo», dijo la portavoz de las tripulaciones.\n\n## Qué cambia\n\n- Más salidas al amanecer\n- Un último barco más tarde"),
        }, wireCredit: "EFE");
        var page = await app.NewPageAsync();

        await page.GotoAsync(story.PathIn("en"));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await AssertNoAxeViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Leer en español" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(story.PathIn("es"), StringComparison.Ordinal));
        Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Las tripulaciones de los ferris pactan un nuevo horario de invierno", await page.Locator("main h1").InnerTextAsync());

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Saltar al contenido", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        Assert.True(await page.Locator("a.skip-link").IsVisibleAsync(), "The focused skip link is not visible.");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));
        // The next Tab goes on from the main content, past the masthead's links.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("document.querySelector('main').contains(document.activeElement)"));

        await AssertNoAxeViolationsAsync(page);
    }

    [Theory]
    [InlineData("/en/")]
    [InlineData("/es/")]
    public async Task FrontPages_SectionPages_SearchSignIn_AndNotFoundPages_PassAxe(string front)
    {
        var story = await app.Stories.CreateBilingualAsync(wireCredit: "EFE");
        var language = front.Trim('/');
        var search = language == "en" ? "/en/search?q=cranes" : "/es/buscar?q=gr%C3%BAas";
        var page = await app.NewPageAsync();

        foreach (var path in new[] { front, story.SectionPathIn(language), $"/{language}/newsletters", $"/{language}/newsletters/sign-in", search, $"/{language}/2026/11/no-such-story" })
        {
            await page.GotoAsync(path);
            await AssertNoAxeViolationsAsync(page);
        }
    }

    internal static async Task AssertNoAxeViolationsAsync(IPage page)
    {
        AxeResult result = await page.RunAxe();
        // A run that checked nothing would also report no violations.
        Assert.Contains(result.Passes, p => p.Id == "html-has-lang");
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(violations.Count == 0, $"axe found violations on {page.Url}:\n{string.Join('\n', violations)}");
    }
}
