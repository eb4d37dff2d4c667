using System.Collections;

namespace CouchJs.Config;

public sealed partial class CouchConfig
{
    /// <summary>
    /// Reads <paramref name="iniFiles"/> in order (later files override earlier ones), then the
    /// <c>COUCHJS_&lt;SECTION&gt;__&lt;KEY&gt;</c> variables of <paramref name="environment"/> (none when
    /// null). A missing file is an error, as in CouchDB, except <paramref name="writableIni"/>: the
    /// file persisted changes go to, created on the first one. It is read as the last file when
    /// <paramref name="iniFiles"/> does not list it. When <c>COUCHDB_USER</c> and
    /// <c>COUCHDB_PASSWORD</c> are set and that user is not in <c>[admins]</c> yet, it is added there
    /// in memory; <see cref="HashPlaintextAdmins"/> then hashes it into the writable file.
    /// </summary>
    /// <exception cref="FileNotFoundException">An ini file other than the writable one is missing.</exception>
    public static CouchConfig Load(IReadOnlyList<string> iniFiles, string? writableIni, IReadOnlyDictionary<string, string>? environment = null)
    {
        var warnings = new WarningLog();
        string? writablePath = writableIni is null ? null : Path.GetFullPath(writableIni);
        var layers = new List<IniData>();
        IniData? writable = null;
        foreach (string file in iniFiles)
        {
            bool isWritable = writablePath is not null && SamePath(file, writablePath);
            var layer = ReadLayer(file, mayBeMissing: isWritable, warnings);
            layers.Add(layer);
            if (isWritable) writable = layer;
        }
        if (writablePath is not null && writable is null)
            layers.Add(writable = ReadLayer(writablePath, mayBeMissing: true, warnings));

        var config = new CouchConfig(layers, EnvironmentOverrides.Parse(environment, warnings.Add), writable, writablePath, warnings);
        config.AddEnvironmentAdmin(environment);
        return config;
    }

    /// <summary>One in-memory layer and nowhere to persist: for tests and tools.</summary>
    public static CouchConfig FromText(string iniText)
    {
        var warnings = new WarningLog();
        return new CouchConfig([IniParser.Parse(iniText, "text", warnings.Add)], new IniData(), null, null, warnings);
    }

    /// <summary>
    /// CouchDB's file chain under <paramref name="etcDirectory"/>: default.ini, default.d/*.ini,
    /// local.ini, local.d/*.ini, each directory sorted by file name. local.ini is listed even when
    /// it does not exist yet: pass it to <see cref="Load"/> as the writable file too.
    /// </summary>
    public static IReadOnlyList<string> StandardChain(string etcDirectory) =>
    [
        Path.Combine(etcDirectory, "default.ini"),
        .. IniFilesIn(Path.Combine(etcDirectory, "default.d")),
        Path.Combine(etcDirectory, "local.ini"),
        .. IniFilesIn(Path.Combine(etcDirectory, "local.d")),
    ];

    /// <summary>This process's environment variables, for <see cref="Load"/>.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        return environment;
    }

    private static IniData ReadLayer(string file, bool mayBeMissing, WarningLog warnings) =>
        mayBeMissing && !File.Exists(file) ? new IniData() : IniParser.Parse(File.ReadAllText(file), file, warnings.Add);

    private static IEnumerable<string> IniFilesIn(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*.ini").Order(StringComparer.Ordinal) : [];

    private static bool SamePath(string file, string fullPath) =>
        string.Equals(Path.GetFullPath(file), fullPath, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
