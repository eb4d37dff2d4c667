namespace CouchJs.Config;

/// <summary>
/// The settings of one layer (an ini file or the environment): sections in order of first
/// appearance, keys likewise. Only touched under the config's write lock.
/// </summary>
internal sealed class IniData
{
    private readonly OrderedDictionary<string, OrderedDictionary<string, string>> _sections = new(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, OrderedDictionary<string, string>>> Sections => _sections;

    public void Set(string section, string key, string value)
    {
        if (!_sections.TryGetValue(section, out var entries))
            _sections.Add(section, entries = new OrderedDictionary<string, string>(StringComparer.Ordinal));
        entries[key] = value;
    }

    public bool TryGet(string section, string key, out string value)
    {
        value = "";
        return _sections.TryGetValue(section, out var entries) && entries.TryGetValue(key, out value!);
    }

    public void Remove(string section, string key)
    {
        if (!_sections.TryGetValue(section, out var entries) || !entries.Remove(key)) return;
        if (entries.Count == 0) _sections.Remove(section);
    }
}
