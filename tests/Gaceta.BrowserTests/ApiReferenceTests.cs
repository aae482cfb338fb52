namespace Gaceta.BrowserTests;

/// <summary>The API's interactive reference, rendered by real Chromium from the served OpenAPI document.</summary>
public sealed class ApiReferenceTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheReference_RendersTheOpenApiDocument_WithoutPolicyViolations()
    {
        var page = await app.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync("/api/v1/reference");

        await page.GetByText("One language's published articles, newest first.").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Empty(violations);
    }
}
