using System.Text;

namespace CouchJs.Config;

/// <summary>
/// Edits the writable ini file (local.ini) in place, as CouchDB's config_writer does: every other
/// line (comments, blank lines, other keys) stays as it was. A set replaces the line that holds
/// the key (the last one, since that is the one read), else adds <c>key = value</c> after the
/// section's last entry, else appends the section. A delete removes the key's lines (3.4: no
/// empty "delete marker" is written). The file is replaced atomically, so a crash leaves either
/// the old or the new file.
/// </summary>
internal static class IniFileWriter
{
    public static void Set(string path, string section, string key, string value) =>
        Rewrite(path, lines => SetLine(lines, section, key, $"{key} = {value}"));

    public static void Remove(string path, string section, string key) =>
        Rewrite(path, lines =>
        {
            foreach (int i in KeyLines(lines, section, key).Reverse().ToList()) lines.RemoveAt(i);
        });

    private static void SetLine(List<string> lines, string section, string key, string entry)
    {
        int existing = KeyLines(lines, section, key).DefaultIfEmpty(-1).Last();
        if (existing >= 0)
        {
            lines[existing] = entry;
            return;
        }
        int insertAt = -1;
        string? current = null;
        for (int i = 0; i < lines.Count; i++)
        {
            var line = IniParser.ParseLine(lines[i]);
            if (line.Kind == IniLineKind.Section) current = line.Name;
            if (current == section && line.Kind is IniLineKind.Section or IniLineKind.Entry or IniLineKind.EmptyEntry)
                insertAt = i + 1;
        }
        if (insertAt >= 0)
        {
            lines.Insert(insertAt, entry);
            return;
        }
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count > 0) lines.Add("");
        lines.Add($"[{section}]");
        lines.Add(entry);
        lines.Add("");
    }

    /// <summary>Indexes of the lines that give <paramref name="key"/> a value (or an empty one) in <paramref name="section"/>.</summary>
    private static IEnumerable<int> KeyLines(List<string> lines, string section, string key)
    {
        string? current = null;
        for (int i = 0; i < lines.Count; i++)
        {
            var line = IniParser.ParseLine(lines[i]);
            if (line.Kind == IniLineKind.Section) current = line.Name;
            else if (current == section && line.Kind is IniLineKind.Entry or IniLineKind.EmptyEntry && line.Name == key)
                yield return i;
        }
    }

    private static void Rewrite(string path, Action<List<string>> edit)
    {
        string text = File.Exists(path) ? File.ReadAllText(path) : "";
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = IniParser.SplitLines(text);
        edit(lines);
        WriteAtomically(path, string.Join(newline, lines));
    }

    private static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
            stream.Flush(flushToDisk: true);
        }
        // local.ini holds admin password hashes: the new file keeps the old one's permissions.
        if (!OperatingSystem.IsWindows() && File.Exists(full)) File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
        File.Move(temp, full, overwrite: true);
    }
}
