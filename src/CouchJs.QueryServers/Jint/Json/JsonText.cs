using System.Buffers;
using System.Globalization;
using System.Text;

namespace CouchJs.QueryServers.Jint.Json;

/// <summary>
/// Reading valid JSON (what the database layer stores and the host writes) in place: skipping a value
/// to find where it ends, and decoding strings and numbers, with JSON.parse's results. Not a
/// validator: the text has been through System.Text.Json before it gets here.
/// </summary>
internal static class JsonText
{
    private static readonly SearchValues<byte> StringStops = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> ScalarStops = SearchValues.Create(",]} \t\r\n"u8);

    public static int SkipWhitespace(ReadOnlySpan<byte> json, int at)
    {
        while (at < json.Length && json[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') at++;
        return at;
    }

    /// <summary>The index just past the value starting at <paramref name="at"/>.</summary>
    public static int SkipValue(ReadOnlySpan<byte> json, int at) => json[at] switch
    {
        (byte)'"' => StringEnd(json, at),
        (byte)'{' or (byte)'[' => ContainerEnd(json, at),
        _ => ScalarEnd(json, at),
    };

    /// <summary>The index just past the closing quote of the string whose opening quote is at <paramref name="at"/>.</summary>
    public static int StringEnd(ReadOnlySpan<byte> json, int at)
    {
        at++;
        // Most strings are short names and words: a scalar look first, a vectorized search past it.
        for (int end = Math.Min(at + 16, json.Length); at < end; at++)
        {
            if (json[at] == (byte)'"') return at + 1;
            if (json[at] == (byte)'\\') at++;
        }
        while (true)
        {
            at += json[at..].IndexOfAny(StringStops);
            if (json[at] == (byte)'"') return at + 1;
            at += 2; // a backslash and the character it escapes (the rest of a \uXXXX holds no quote)
        }
    }

    // Byte by byte outside strings (their stretches are short: names, numbers, punctuation), a
    // vectorized search inside them.
    private static int ContainerEnd(ReadOnlySpan<byte> json, int at)
    {
        int depth = 0;
        for (; ; at++)
        {
            switch (json[at])
            {
                case (byte)'"':
                    at = StringEnd(json, at) - 1;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (--depth == 0) return at + 1;
                    break;
            }
        }
    }

    private static int ScalarEnd(ReadOnlySpan<byte> json, int at)
    {
        int stop = json[at..].IndexOfAny(ScalarStops);
        return stop < 0 ? json.Length : at + stop;
    }

    /// <summary>
    /// The text of a string's contents (the bytes between its quotes). Escapes are decoded as
    /// JSON.parse does, a lone surrogate escape included (it stays a lone UTF-16 code unit).
    /// </summary>
    public static string DecodeString(ReadOnlySpan<byte> contents)
    {
        int escape = contents.IndexOf((byte)'\\');
        if (escape < 0) return Encoding.UTF8.GetString(contents);
        var text = new StringBuilder(contents.Length);
        while (escape >= 0)
        {
            text.Append(Encoding.UTF8.GetString(contents[..escape]));
            int length = AppendEscape(text, contents[escape..]);
            contents = contents[(escape + length)..];
            escape = contents.IndexOf((byte)'\\');
        }
        return text.Append(Encoding.UTF8.GetString(contents)).ToString();
    }

    // One escape at the start of escaped; answers its length in bytes.
    private static int AppendEscape(StringBuilder text, ReadOnlySpan<byte> escaped)
    {
        switch (escaped[1])
        {
            case (byte)'b': text.Append('\b'); return 2;
            case (byte)'f': text.Append('\f'); return 2;
            case (byte)'n': text.Append('\n'); return 2;
            case (byte)'r': text.Append('\r'); return 2;
            case (byte)'t': text.Append('\t'); return 2;
            case (byte)'u':
                text.Append((char)int.Parse(escaped.Slice(2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                return 6;
            default: text.Append((char)escaped[1]); return 2; // \" \\ \/
        }
    }

    /// <summary>A number's value as JSON.parse gives it: the nearest double, ±Infinity past the range.</summary>
    public static double DecodeNumber(ReadOnlySpan<byte> number) =>
        double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
}
