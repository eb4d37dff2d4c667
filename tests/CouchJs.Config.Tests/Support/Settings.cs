namespace CouchJs.Config.Tests.Support;

internal static class Settings
{
    /// <summary>Every (section, key, value) of <paramref name="config"/>, in order.</summary>
    public static List<(string Section, string Key, string Value)> Flatten(CouchConfig config) =>
        [.. config.All().SelectMany(s => s.Value.Select(kv => (s.Key, kv.Key, kv.Value)))];

    public static List<(string Section, string Key, string Value)> Parse(string ini) => Flatten(CouchConfig.FromText(ini));
}
