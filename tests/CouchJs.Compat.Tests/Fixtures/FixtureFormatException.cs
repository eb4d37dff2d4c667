namespace CouchJs.Compat.Tests.Fixtures;

/// <summary>A fixture file that does not follow the format in <c>fixtures/README.md</c>; lists every problem.</summary>
public sealed class FixtureFormatException(string path, IReadOnlyList<string> problems)
    : Exception($"{path}: {problems.Count} problem(s):\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
