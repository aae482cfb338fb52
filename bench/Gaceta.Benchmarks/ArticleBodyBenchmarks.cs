using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Gaceta.Articles;

namespace Gaceta.Benchmarks;

/// <summary>
/// A typical demo body (about 300 words of Markdown) as a reader page gets it: rendered to sanitized HTML the first
/// time (a body never seen, as after an edit), and kept after that.
/// </summary>
[MemoryDiagnoser]
public class ArticleBodyBenchmarks : IDisposable
{
    private readonly ArticleBodyRenderer _renderer = new();
    private string _body = string.Empty;
    private int _edits;

    [GlobalSetup]
    public void Setup()
    {
        using var stream = typeof(ArticleBodyRenderer).Assembly.GetManifestResourceStream("Gaceta.Demo.demo-content.json")!;
        using var json = JsonDocument.Parse(stream);
        _body = json.RootElement.GetProperty("stories")[0].GetProperty("articles").GetProperty("en").GetProperty("body").GetString()!;
    }

    /// <summary>Each call renders a body not seen before: the cost of Markdown and the sanitizer.</summary>
    [Benchmark]
    public IReadOnlyList<BodyBlock> MarkdownToSanitizedHtml() =>
        _renderer.ToBlocks(_body + "\n\nEdit " + (++_edits).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The same body read again: what every later page of an unchanged article pays.</summary>
    [Benchmark]
    public IReadOnlyList<BodyBlock> KeptBody() => _renderer.ToBlocks(_body);

    public void Dispose()
    {
        _renderer.Dispose();
        GC.SuppressFinalize(this);
    }
}
