using System.Reflection;
using Gaceta.Data;
using Gaceta.Tests.Infrastructure;

namespace Gaceta.Tests.Architecture;

/// <summary>The web host reaches the database only through the core's use cases; start-up code is the exception.</summary>
public sealed class LayeringTests
{
    /// <summary>Start-up code that migrates, seeds and keeps data protection keys: the only web code that sees the database.</summary>
    private static readonly string[] StartUp = ["Program", "DatabaseStartup"];

    [Fact]
    public void NoWebType_TakesTheDatabase()
    {
        var offenders = typeof(Program).Assembly.GetTypes()
            .Where(t => !StartUp.Any(s => t.FullName!.StartsWith(s, StringComparison.Ordinal) || t.FullName.Contains($".{s}", StringComparison.Ordinal)))
            .SelectMany(t => Uses(t).Select(where => $"{t.FullName}: {where}"))
            .ToList();

        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    [Fact]
    public void NoWebSourceFile_NamesTheDatabase()
    {
        var web = Path.Combine(Repository.Root, "src", "Gaceta.Web");
        var offenders = Directory.EnumerateFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !StartUp.Contains(Path.GetFileNameWithoutExtension(f)))
            .Where(f => File.ReadAllText(f).Contains(nameof(GacetaDb), StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f))
            .ToList();

        Assert.True(offenders.Count == 0, "Move these reads and writes into a core use case: " + string.Join(", ", offenders));
    }

    [Fact]
    public void NoPageOrEndpoint_EvictsTheReaderCacheItself()
    {
        // Eviction hears the core's change feed; the cache's own types are the only ones that reach the store.
        var allowed = new[] { "ReaderCache", "ReaderCacheInvalidator", "SharedOutputCacheStore" };
        var offenders = typeof(Program).Assembly.GetTypes()
            .Where(t => !allowed.Contains(t.Name) && !(t.DeclaringType is { } outer && allowed.Contains(outer.Name)))
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Any(c => c.GetParameters().Any(p => p.ParameterType.Name is "ReaderCacheInvalidator" or "IOutputCacheStore")))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(offenders.Count == 0, "Announce the change through ChangeFeed instead: " + string.Join(", ", offenders));
    }

    private static IEnumerable<string> Uses(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(all).Where(f => IsDatabase(f.FieldType)))
        {
            yield return $"field {field.Name}";
        }

        foreach (var property in type.GetProperties(all).Where(p => IsDatabase(p.PropertyType)))
        {
            yield return $"property {property.Name}";
        }

        foreach (var method in type.GetConstructors(all).Cast<MethodBase>().Concat(type.GetMethods(all)))
        {
            if (method.GetParameters().Any(p => IsDatabase(p.ParameterType)))
            {
                yield return $"parameter of {method.Name}";
            }
        }
    }

    private static bool IsDatabase(Type type) => typeof(GacetaDb).IsAssignableFrom(type);
}
