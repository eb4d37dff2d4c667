namespace CouchJs.Compat.Tests;

/// <summary>Locations in the repository, found from the test assembly so any working directory works.</summary>
public static class RepoPaths
{
    private const string SolutionFile = "CouchJs.sln";

    /// <summary>The folder holding <c>CouchJs.sln</c>, walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string Fixtures => Path.Combine(Root, "fixtures");

    public static string ServerDll => Path.Combine(Root, "src", "CouchJs.Server", "bin", "Release", "net10.0", "CouchJs.Server.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        throw new InvalidOperationException($"no {SolutionFile} above {AppContext.BaseDirectory}");
    }
}
