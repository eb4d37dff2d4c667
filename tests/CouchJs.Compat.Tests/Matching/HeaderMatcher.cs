namespace CouchJs.Compat.Tests.Matching;

/// <summary>
/// Checks the response headers a fixture lists: names case-insensitive, values as text templates,
/// null meaning the header must be absent. Headers the fixture does not list are ignored.
/// </summary>
public static class HeaderMatcher
{
    public static IReadOnlyList<Mismatch> Match(
        IReadOnlyDictionary<string, string?> expected, IReadOnlyDictionary<string, string> actual, CaptureStore captures)
    {
        var sink = new List<Mismatch>();
        foreach (var (name, want) in expected)
        {
            bool present = TryFind(actual, name, out string value);
            string path = "header " + name;
            if (want is null)
            {
                if (present) sink.Add(new Mismatch(path, $"expected no such header, got \"{value}\""));
            }
            else if (!present)
                sink.Add(new Mismatch(path, $"missing, expected \"{want}\""));
            else if (!TextMatcher.Match(Template.Parse(want), value, captures))
                sink.Add(new Mismatch(path, $"expected \"{want}\", got \"{value}\""));
        }
        return sink;
    }

    private static bool TryFind(IReadOnlyDictionary<string, string> actual, string name, out string value)
    {
        foreach (var (key, v) in actual)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        value = "";
        return false;
    }
}
