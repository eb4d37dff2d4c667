namespace CouchJs.QueryServers.Tests.Support;

/// <summary>Files of the repository the tests run from, found by walking up from the test assembly.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Conformance => Path.Combine(Root, "queryservers", "conformance");

    public static string NodeMain => Path.Combine(Root, "queryservers", "node", "main.js");

    /// <summary>A test script copied beside the test assembly.</summary>
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Scripts", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "queryservers", "core"))) return dir.FullName;
        throw new DirectoryNotFoundException("no queryservers/core above " + AppContext.BaseDirectory);
    }
}
