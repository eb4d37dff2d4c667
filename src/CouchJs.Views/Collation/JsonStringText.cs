using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace CouchJs.Views.Collation;

/// <summary>
/// The characters of a JSON string's contents (the bytes between the quotes, escapes still in):
/// escapes read as the characters they stand for, invalid UTF-8 as U+FFFD.
/// </summary>
internal static class JsonStringText
{
    /// <summary>Writes the contents as UTF-16 (never more chars than content bytes); returns the count.</summary>
    public static int ToUtf16(ReadOnlySpan<byte> content, Span<char> destination)
    {
        int written = 0;
        while (!content.IsEmpty)
        {
            int escape = content.IndexOf((byte)'\\');
            var run = escape < 0 ? content : content[..escape];
            Utf8.ToUtf16(run, destination[written..], out _, out int chars);
            written += chars;
            if (escape < 0) break;
            destination[written++] = (char)ReadEscape(content, escape, out int length);
            content = content[(escape + length)..];
        }
        return written;
    }

    /// <summary>How many bytes the contents take as UTF-8 once their escapes are read.</summary>
    public static int Utf8Length(ReadOnlySpan<byte> content)
    {
        int length = 0;
        for (int pos = 0; pos < content.Length;)
        {
            if (content[pos] != (byte)'\\')
            {
                int run = content[pos..].IndexOf((byte)'\\');
                run = run < 0 ? content.Length - pos : run;
                length += run;
                pos += run;
                continue;
            }
            length += new Rune(CodePointAt(content, pos, out int taken)).Utf8SequenceLength;
            pos += taken;
        }
        return length;
    }

    /// <summary>
    /// The code point at <paramref name="pos"/> (a surrogate pair escape joined, a lone surrogate as
    /// U+FFFD, like <see cref="string.EnumerateRunes"/>) and how many bytes it took.
    /// </summary>
    public static int CodePointAt(ReadOnlySpan<byte> content, int pos, out int length)
    {
        if (content[pos] != (byte)'\\')
        {
            Rune.DecodeFromUtf8(content[pos..], out var rune, out length);
            return rune.Value;
        }
        int unit = ReadEscape(content, pos, out length);
        if (!char.IsSurrogate((char)unit)) return unit;
        if (char.IsHighSurrogate((char)unit) && pos + length + 1 < content.Length && content[pos + length] == (byte)'\\')
        {
            int low = ReadEscape(content, pos + length, out int lowLength);
            if (char.IsLowSurrogate((char)low))
            {
                length += lowLength;
                return char.ConvertToUtf32((char)unit, (char)low);
            }
        }
        return Rune.ReplacementChar.Value;
    }

    /// <summary>The UTF-16 code unit of the escape starting with the backslash at <paramref name="pos"/>.</summary>
    public static int ReadEscape(ReadOnlySpan<byte> content, int pos, out int length)
    {
        byte kind = content[pos + 1];
        length = 2;
        switch (kind)
        {
            case (byte)'b': return '\b';
            case (byte)'f': return '\f';
            case (byte)'n': return '\n';
            case (byte)'r': return '\r';
            case (byte)'t': return '\t';
            case (byte)'u':
                length = 6;
                Utf8Parser.TryParse(content.Slice(pos + 2, 4), out ushort unit, out _, 'X');
                return unit;
            default: return kind; // \" \\ \/
        }
    }
}
