using System.Reflection;
using Gaceta.Data;
using Gaceta.Tests.Infrastructure;

namespace Gaceta.Tests.Architecture;

/// <summary>The shape docs/architecture.md describes, kept by tests rather than by habit.</summary>
public sealed class ShapeTests
{
    private const int MaximumLines = 400;

    private static readonly string[] SourceFolders = ["src", "tests", "bench"];

    [Fact]
    public void EveryUseCase_HasOneHandlerWithOnePublicMethod()
    {
        var offenders = typeof(GacetaDb).Assembly.GetTypes()
            .Where(t => t is { Name: "Handler", DeclaringType: not null })
            .Select(t => (Type: t, Methods: t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName)
                .Select(m => m.Name)
                .ToList()))
            .Where(h => h.Methods is not ["HandleAsync"])
            .Select(h => $"{h.Type.DeclaringType!.Name}.Handler: {string.Join(", ", h.Methods)}")
            .ToList();

        Assert.True(offenders.Count == 0, "A use case's handler has one public method, HandleAsync: " + string.Join("; ", offenders));
    }

    [Fact]
    public void NoHandWrittenSourceFile_IsLongerThanFourHundredLines()
    {
        var offenders = SourceFolders
            .Select(folder => Path.Combine(Repository.Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
            .Where(f => Path.GetExtension(f) is ".cs" or ".cshtml" or ".js" or ".css")
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "Migrations" or "lib"))
            .Select(f => (File: Path.GetRelativePath(Repository.Root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaximumLines)
            .Select(f => $"{f.File} ({f.Lines})")
            .ToList();

        Assert.True(offenders.Count == 0, $"Split these files (at most {MaximumLines} lines): " + string.Join(", ", offenders));
    }
}
