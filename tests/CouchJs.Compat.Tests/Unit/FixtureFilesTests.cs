using CouchJs.Compat.Tests.Fixtures;

namespace CouchJs.Compat.Tests.Unit;

/// <summary>Every fixture file parses and validates, without a server, so a broken fixture fails fast.</summary>
public class FixtureFilesTests
{
    public static TheoryData<string> Files => FixtureCatalog.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void ParsesAndValidates(string fixture)
    {
        var parsed = FixtureCatalog.Load(fixture);
        Assert.Equal(fixture, parsed.Path);
    }

    [Fact]
    public void EveryFileSitsInAnAreaFolder() =>
        Assert.All(FixtureCatalog.Paths(), p => Assert.Matches("^[a-z0-9-]+/[a-z0-9-]+\\.json$", p));

    [Fact]
    public void NamesAreUnique()
    {
        var duplicates = FixtureCatalog.Paths().Select(FixtureCatalog.Load)
            .GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }
}
