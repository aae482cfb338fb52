namespace Gaceta.Tests.Cluster;

/// <summary>The outside programs the cluster tests run (the test command installs them).</summary>
public static class ClusterTools
{
    /// <summary>The full path of <paramref name="program"/>, looked for on PATH and in the system folders.</summary>
    public static string Find(string program)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]);
        return folders.Select(f => Path.Combine(f, program)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{program} is not installed. Run the tests with ./test.sh, which installs it.");
    }
}
