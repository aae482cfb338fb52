using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gaceta.Articles;

namespace Gaceta.Benchmarks;

/// <summary>Rendering a typical demo body (about 300 words of Markdown) to sanitized HTML.</summary>
[MemoryDiagnoser]
public class ArticleBodyBenchmarks
{
    private readonly ArticleBodyRenderer _renderer = new();
    private string _body = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        using var stream = typeof(ArticleBodyRenderer).Assembly.GetManifestResourceStream("Gaceta.Demo.demo-content.json")!;
        using var json = JsonDocument.Parse(stream);
        _body = json.RootElement.GetProperty("stories")[0].GetProperty("articles").GetProperty("en").GetProperty("body").GetString()!;
    }

    [Benchmark]
    public IReadOnlyList<BodyBlock> MarkdownToSanitizedHtml() => _renderer.ToBlocks(_body);
}
