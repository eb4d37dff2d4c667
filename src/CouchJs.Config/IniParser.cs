namespace CouchJs.Config;

internal enum IniLineKind
{
    /// <summary>Blank or comment: nothing to read.</summary>
    Blank,
    /// <summary><c>[name]</c>: the lines below belong to section <c>name</c>.</summary>
    Section,
    /// <summary><c>key = value</c>.</summary>
    Entry,
    /// <summary><c>key =</c>: read as nothing, but the writer still treats the line as the key's.</summary>
    EmptyEntry,
    /// <summary>Text CouchDB skips: no <c>=</c>, an empty key, a malformed section header.</summary>
    Ignored,
}

internal readonly record struct IniLine(IniLineKind Kind, string Name = "", string Value = "");

/// <summary>
/// Reads ini text the way CouchDB 3.4's config.erl does: lines end at CR, LF, CRLF or ^Z; a line whose
/// first non-blank character is <c>;</c> is a comment, and <c>;</c> starts an inline comment only
/// after a space or tab (so values may contain <c>;</c>); <c>key = value</c> splits at the first
/// <c>" = "</c> (so keys may contain <c>=</c>), else at the first <c>=</c>; keys and values are
/// trimmed; an empty value is ignored (3.4 dropped "delete markers"); lines before the first section
/// are ignored. Since 3.3 there are no multi-line values: an indented line is an ordinary line.
/// </summary>
internal static class IniParser
{
    /// <summary>Parses <paramref name="text"/>; later entries of a key replace earlier ones.</summary>
    public static IniData Parse(string text, string source, Action<string> warn)
    {
        var data = new IniData();
        string? section = null;
        var lines = SplitLines(text);
        for (int i = 0; i < lines.Count; i++)
        {
            var line = ParseLine(lines[i]);
            switch (line.Kind)
            {
                case IniLineKind.Section:
                    section = line.Name;
                    break;
                case IniLineKind.Entry when section is not null:
                    data.Set(section, line.Name, line.Value);
                    break;
                case IniLineKind.Entry:
                    warn($"{source}:{i + 1}: '{line.Name}' is outside any [section]; ignored");
                    break;
                case IniLineKind.Ignored:
                    warn($"{source}:{i + 1}: not a [section] nor a 'key = value' line; ignored");
                    break;
            }
        }
        return data;
    }

    public static IniLine ParseLine(string raw)
    {
        string line = raw.Trim();
        if (line.Length == 0 || line[0] == ';') return default;
        int comment = InlineCommentStart(line);
        if (comment >= 0) line = line[..comment].Trim();
        if (line.Length == 0) return default;
        if (line[0] == '[') return SectionHeader(line);

        int spaced = line.IndexOf(" = ", StringComparison.Ordinal);
        if (spaced >= 0) return new(IniLineKind.Entry, line[..spaced].Trim(), line[(spaced + 3)..].Trim());
        int eq = line.IndexOf('=');
        if (eq <= 0) return new(IniLineKind.Ignored);
        string key = line[..eq].Trim();
        string value = line[(eq + 1)..].Trim();
        return new(value.Length == 0 ? IniLineKind.EmptyEntry : IniLineKind.Entry, key, value);
    }

    /// <summary>Splits at CRLF, CR, LF and ^Z, as config.erl does; a trailing newline yields a last empty line.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is not ('\r' or '\n' or '\x1A')) continue;
            lines.Add(text[start..i]);
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        lines.Add(text[start..]);
        return lines;
    }

    /// <summary>Index of the blank before an inline <c>;</c>, or -1.</summary>
    private static int InlineCommentStart(string line)
    {
        for (int i = 1; i < line.Length; i++)
            if (line[i] == ';' && line[i - 1] is ' ' or '\t') return i - 1;
        return -1;
    }

    /// <summary>
    /// <c>[name]</c> with nothing after the first <c>]</c>; the name is not trimmed (<c>[s ]</c> is
    /// section <c>"s "</c>), as in config.erl. Anything else starting with <c>[</c> is ignored.
    /// </summary>
    private static IniLine SectionHeader(string line)
    {
        int close = line.IndexOf(']');
        if (close <= 1 || close != line.Length - 1) return new(IniLineKind.Ignored);
        return new(IniLineKind.Section, line[1..close]);
    }
}
