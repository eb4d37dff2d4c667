namespace CouchJs.Compat.Tests.Fixtures;

/// <summary>The fixture files under <c>fixtures/&lt;area&gt;/*.json</c>, as theory data and parsed.</summary>
public static class FixtureCatalog
{
    /// <summary>Every fixture path relative to <c>fixtures/</c>, forward slashes, sorted.</summary>
    public static IReadOnlyList<string> Paths() =>
        Directory.EnumerateFiles(RepoPaths.Fixtures, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Fixtures, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>One theory row per fixture file, named by its path.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string path in Paths()) data.Add(path);
        return data;
    }

    public static Fixture Load(string path) =>
        FixtureParser.Parse(path, File.ReadAllText(Path.Combine(RepoPaths.Fixtures, path)));
}
