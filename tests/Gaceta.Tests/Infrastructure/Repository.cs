namespace Gaceta.Tests.Infrastructure;

/// <summary>The checkout the tests run from: for tests that read sources or start the command line.</summary>
public static class Repository
{
    /// <summary>The folder holding <c>Gaceta.slnx</c>, found above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built in (the command line is built alongside).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gaceta.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Gaceta.slnx not found above the test binaries.");
    }
}
