using System.Collections.ObjectModel;
using System.Globalization;

namespace CouchJs.Config;

/// <summary>
/// CouchDB-style configuration: layers of settings, lowest priority first — each ini file in
/// order (default.ini, then local.ini), then <c>COUCHJS_*</c> environment variables — merged into
/// one view that can also be changed at run time (<see cref="Set"/>, <see cref="Delete"/>), as
/// <c>/_node/_local/_config</c> does. Reads never lock: they see an immutable snapshot that each
/// write replaces whole.
/// <para>
/// <see cref="Get(string, string)"/>, <see cref="Section"/> and <see cref="All"/> show exactly what
/// is set. The setting readers with a default (<see cref="Get(string, string, string)"/>,
/// <see cref="GetInt"/>, <see cref="GetLong"/>, <see cref="GetBool"/>) read as CouchDB's code does:
/// a key missing from <c>[chttpd]</c> or <c>[chttpd_auth]</c> is looked up in the section it moved
/// from in 3.x (<c>[httpd]</c>, <c>[couch_httpd_auth]</c>), then the default applies.
/// </para>
/// </summary>
public sealed partial class CouchConfig
{
    private static readonly Dictionary<string, string> LegacySections = new(StringComparer.Ordinal)
    {
        ["chttpd"] = "httpd",
        ["chttpd_auth"] = "couch_httpd_auth",
    };

    private readonly Lock _writeLock = new();
    private readonly IReadOnlyList<IniData> _fileLayers;
    private readonly IniData _environmentLayer;
    private readonly IniData? _writableLayer;
    private readonly string? _writablePath;
    private readonly WarningLog _warnings;
    private ConfigSnapshot _snapshot;

    private CouchConfig(IReadOnlyList<IniData> fileLayers, IniData environmentLayer, IniData? writableLayer, string? writablePath, WarningLog warnings)
    {
        _fileLayers = fileLayers;
        _environmentLayer = environmentLayer;
        _writableLayer = writableLayer;
        _writablePath = writablePath;
        _warnings = warnings;
        _snapshot = ConfigSnapshot.Merge([.. fileLayers, environmentLayer]);
    }

    /// <summary>Problems met while loading or reading: ignored lines, values of the wrong type.</summary>
    public IReadOnlyList<string> Warnings => _warnings.All;

    /// <summary>Section names in order of first appearance.</summary>
    public IReadOnlyList<string> SectionNames => Snapshot.SectionNames;

    private ConfigSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>The value set for the key, or null.</summary>
    public string? Get(string section, string key) => Snapshot.Get(section, key);

    public string Get(string section, string key, string defaultValue) => Setting(section, key) ?? defaultValue;

    /// <summary>The integer value (CouchDB accepts a sign and digits); a bad value gives the default and a warning.</summary>
    public int GetInt(string section, string key, int defaultValue) =>
        Typed(section, key, defaultValue, "an integer", static (string text, out int value) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value));

    /// <inheritdoc cref="GetInt"/>
    public long GetLong(string section, string key, long defaultValue) =>
        Typed(section, key, defaultValue, "an integer", static (string text, out long value) =>
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value));

    /// <summary>True for <c>true</c>, false for <c>false</c> (exactly, as CouchDB); anything else gives the default and a warning.</summary>
    public bool GetBool(string section, string key, bool defaultValue) =>
        Typed(section, key, defaultValue, "true or false", static (string text, out bool value) =>
        {
            value = text == "true";
            return value || text == "false";
        });

    /// <summary>The section's keys and values in order of first appearance; empty when the section is unset.</summary>
    public IReadOnlyDictionary<string, string> Section(string section) =>
        Snapshot.Section(section) ?? ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Every section, as <see cref="Section"/> shows it, in <see cref="SectionNames"/> order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All()
    {
        var snapshot = Snapshot;
        var all = new OrderedDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (string name in snapshot.SectionNames) all.Add(name, snapshot.Section(name)!);
        return new ReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>(all);
    }

    private string? Setting(string section, string key)
    {
        var snapshot = Snapshot;
        return snapshot.Get(section, key)
            ?? (LegacySections.TryGetValue(section, out string? legacy) ? snapshot.Get(legacy, key) : null);
    }

    private delegate bool TryParse<T>(string text, out T value);

    private T Typed<T>(string section, string key, T defaultValue, string expected, TryParse<T> parse)
    {
        string? text = Setting(section, key);
        if (text is null) return defaultValue;
        if (parse(text, out T value)) return value;
        string shown = defaultValue is bool b ? (b ? "true" : "false") : Convert.ToString(defaultValue, CultureInfo.InvariantCulture)!;
        _warnings.Add($"[{section}] {key} = '{text}' is not {expected}; using {shown}");
        return defaultValue;
    }
}
