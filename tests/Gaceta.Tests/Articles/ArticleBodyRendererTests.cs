using Gaceta.Articles;

namespace Gaceta.Tests.Articles;

public sealed class ArticleBodyRendererTests
{
    private readonly ArticleBodyRenderer _renderer = new();

    [Fact]
    public void Markdown_BecomesParagraphsHeadingsListsAndLinks()
    {
        var html = _renderer.ToHtml("## Background\n\nThe *council* met.\n\n- one\n- two\n\n[Minutes](https://example.org/minutes)");

        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains("<em>council</em>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/minutes\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("[x](javascript:alert(1))", "javascript:")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "ascript:")]
    [InlineData("<svg><script>alert(1)</script></svg>", "<svg")]
    [InlineData("<form action=\"https://evil.example\"><input name=q></form>", "<form")]
    public void HostileMarkup_NeverReachesTheHtml(string markdown, string forbidden)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EmbedMarkers_AreNotShownAsText()
    {
        var markdown = "First.\n\n{{poll:harbour-expansion}}\n\nSecond.";

        Assert.DoesNotContain("{{", _renderer.ToHtml(markdown), StringComparison.Ordinal);
        Assert.Equal("First. Second.", string.Join(' ', _renderer.ToPlainText(markdown).Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }
}
