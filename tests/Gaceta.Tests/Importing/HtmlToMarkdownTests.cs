using Gaceta.Articles;
using Gaceta.Importing;
using Gaceta.Importing.WordPress;

namespace Gaceta.Tests.Importing;

/// <summary>Another system's HTML becomes body Markdown that keeps its text and structure and nothing that could run.</summary>
public sealed class HtmlToMarkdownTests
{
    private static readonly ArticleBodyRenderer Renderer = new();

    [Fact]
    public void TextThatLooksLikeMarkupOrAMarker_StaysText()
    {
        var notes = new List<string>();
        var markdown = new HtmlToMarkdown().Convert("<p>{{poll:harbour-expansion}}</p><p># not a heading *nor emphasis* [nor](a link)</p>", (_, _, _) => null, notes);

        var blocks = Renderer.ToBlocks(markdown);

        Assert.DoesNotContain(blocks, b => b.Embed is not null);
        var html = string.Concat(blocks.Select(b => b.Html));
        Assert.Contains("{{poll:harbour-expansion}}", html, StringComparison.Ordinal);
        Assert.Contains("# not a heading *nor emphasis* [nor](a link)", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptsHandlersAndUnsafeLinks_AreDropped_AndSafeOnesKept()
    {
        var notes = new List<string>();
        var markdown = new HtmlToMarkdown().Convert(
            "<p onclick=\"steal()\">Read <a href=\"javascript:alert(1)\">this</a> and <a href=\"https://example.org/a b\">that</a>.</p><script>alert(1)</script><iframe src=\"https://player.example/embed/1\"></iframe><form><input name=\"q\"></form>",
            (_, _, _) => null,
            notes);

        var html = string.Concat(Renderer.ToBlocks(markdown).Select(b => b.Html));

        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/a%20b\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://player.example/embed/1\"", html, StringComparison.Ordinal);
        Assert.Contains(notes, n => n.Contains("iframe", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a:2:{s:2:\"en\";i:5;s:2:\"es\";i:6;}", "en=5,es=6")]
    [InlineData("a:1:{s:5:\"es_ñ\";i:7;}", "es_ñ=7")]
    [InlineData("O:8:\"stdClass\":0:{}", null)]
    [InlineData("a:2:{s:2:\"en\";i:5;}", null)]
    [InlineData("not serialized", null)]
    public void PolylangGroups_AreReadFromPhpSerializedArrays(string serialized, string? expected)
    {
        var group = PhpArray.Read(serialized);

        Assert.Equal(expected, group is null ? null : string.Join(',', group.Select(g => $"{g.Key}={g.Value}")));
    }
}
