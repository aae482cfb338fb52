using Gaceta.Articles;

namespace Gaceta.Tests.Articles;

public sealed class ArticleBodyRendererTests : IDisposable
{
    private readonly ArticleBodyRenderer _renderer = new();

    public void Dispose() => _renderer.Dispose();

    [Fact]
    public void ABodyReadAgain_IsNotRenderedAgain_AndAnEditedBodyIs()
    {
        var first = _renderer.ToBlocks("The council *met*.\n\n{{poll:harbour}}\n\nIt adjourned.");
        var again = _renderer.ToBlocks(string.Concat("The council *met*.\n\n", "{{poll:harbour}}\n\nIt adjourned."));
        var edited = _renderer.ToBlocks("The council *met* twice.\n\n{{poll:harbour}}\n\nIt adjourned.");

        Assert.Same(first, again);
        Assert.NotSame(first, edited);
        Assert.Contains("twice", edited[0].Html, StringComparison.Ordinal);
        Assert.Equal("harbour", edited[1].Embed?.Key);
    }

    private string Html(string markdown) => string.Concat(_renderer.ToBlocks(markdown).Select(b => b.Html));

    [Fact]
    public void Markdown_BecomesParagraphsHeadingsListsAndLinks()
    {
        var html = Html("## Background\n\nThe *council* met.\n\n- one\n- two\n\n[Minutes](https://example.org/minutes)");

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
        var html = Html(markdown);

        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EmbedMarkers_BecomeBlocksOfTheirOwn_AndNeverText()
    {
        var markdown = "First.\n\n{{poll:harbour-expansion}}\r\n\nSecond.";

        var blocks = _renderer.ToBlocks(markdown);
        Assert.Equal(3, blocks.Count);
        Assert.Equal(new Embed(Embed.Poll, "harbour-expansion"), blocks[1].Embed);
        Assert.DoesNotContain("{{", Html(markdown), StringComparison.Ordinal);
        Assert.Equal("First. Second.", string.Join(' ', _renderer.ToPlainText(markdown).Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }
}
