using System.Collections.ObjectModel;

namespace CouchJs.Config;

/// <summary>
/// The effective configuration at one moment. Immutable once published: a write builds a new
/// snapshot (copying only the section it changes) and swaps it in, so readers never lock.
/// </summary>
internal sealed class ConfigSnapshot
{
    private readonly Dictionary<string, ReadOnlyDictionary<string, string>> _sections;
    private readonly string[] _names;

    private ConfigSnapshot(Dictionary<string, ReadOnlyDictionary<string, string>> sections, string[] names)
    {
        _sections = sections;
        _names = names;
        SectionNames = Array.AsReadOnly(names);
    }

    /// <summary>Section names in order of first appearance across the layers.</summary>
    public IReadOnlyList<string> SectionNames { get; }

    public string? Get(string section, string key) =>
        _sections.TryGetValue(section, out var entries) && entries.TryGetValue(key, out var value) ? value : null;

    public IReadOnlyDictionary<string, string>? Section(string section) => _sections.GetValueOrDefault(section);

    /// <summary>Merges layers, lowest priority first: a key keeps its first position and its last value.</summary>
    public static ConfigSnapshot Merge(IEnumerable<IniData> layers)
    {
        var merged = new OrderedDictionary<string, OrderedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var (name, entries) in layer.Sections)
            {
                if (!merged.TryGetValue(name, out var target))
                    merged.Add(name, target = new OrderedDictionary<string, string>(StringComparer.Ordinal));
                foreach (var (key, value) in entries) target[key] = value;
            }
        }
        var sections = new Dictionary<string, ReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (name, entries) in merged) sections.Add(name, new ReadOnlyDictionary<string, string>(entries));
        return new ConfigSnapshot(sections, [.. merged.Keys]);
    }

    /// <summary>The (section, key) pairs whose value differs between this snapshot and <paramref name="other"/>, either way.</summary>
    public IEnumerable<(string Section, string Key)> DifferentKeys(ConfigSnapshot other)
    {
        foreach (var (name, entries) in _sections)
            foreach (var (key, value) in entries)
                if (other.Get(name, key) != value) yield return (name, key);
        foreach (var (name, entries) in other._sections)
            foreach (var (key, _) in entries)
                if (Get(name, key) is null) yield return (name, key);
    }

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>, or removed when it is null.</summary>
    public ConfigSnapshot With(string section, string key, string? value)
    {
        var entries = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        if (_sections.TryGetValue(section, out var old))
            foreach (var (k, v) in old) entries.Add(k, v);
        if (value is null) entries.Remove(key);
        else entries[key] = value;

        var sections = new Dictionary<string, ReadOnlyDictionary<string, string>>(_sections, StringComparer.Ordinal);
        string[] names;
        if (entries.Count == 0)
        {
            sections.Remove(section);
            names = Array.FindAll(_names, n => n != section);
        }
        else
        {
            sections[section] = new ReadOnlyDictionary<string, string>(entries);
            names = old is null ? [.. _names, section] : _names;
        }
        return new ConfigSnapshot(sections, names);
    }
}
