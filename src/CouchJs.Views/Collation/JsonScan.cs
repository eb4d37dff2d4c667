namespace CouchJs.Views.Collation;

/// <summary>
/// Token boundaries in UTF-8 JSON that is already valid (what a query server emitted, or a key we
/// serialized): no validation, only how far each token reaches. Positions are byte offsets.
/// </summary>
internal static class JsonScan
{
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int pos)
    {
        while (pos < json.Length && json[pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') pos++;
        return pos;
    }

    /// <summary>
    /// At a container's element boundary (just past the opening bracket when <paramref name="first"/>, else
    /// just past an element): true, positioned on the next element (an object member's key), when one
    /// follows; false, past the closing bracket, when the container ends.
    /// </summary>
    public static bool NextElement(ReadOnlySpan<byte> json, ref int pos, bool first)
    {
        pos = SkipWhitespace(json, pos);
        if (json[pos] is (byte)']' or (byte)'}')
        {
            pos++;
            return false;
        }
        if (!first) pos = SkipWhitespace(json, pos + 1); // the comma
        return true;
    }

    /// <summary>From the opening quote at <paramref name="pos"/> to just past the closing quote.</summary>
    public static int StringEnd(ReadOnlySpan<byte> json, int pos)
    {
        pos++;
        while (true)
        {
            int hit = json[pos..].IndexOfAny((byte)'"', (byte)'\\');
            pos += hit;
            if (json[pos] == (byte)'"') return pos + 1;
            pos += 2; // a backslash and the character it escapes (a \u escape's hex digits are plain bytes)
        }
    }

    /// <summary>From a number's first byte to just past it; <paramref name="isInteger"/> when it has no fraction or exponent.</summary>
    public static int NumberEnd(ReadOnlySpan<byte> json, int pos, out bool isInteger)
    {
        isInteger = true;
        while (pos < json.Length)
        {
            byte b = json[pos];
            if (b is (byte)'.' or (byte)'e' or (byte)'E') isInteger = false;
            else if (b is not ((>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+')) break;
            pos++;
        }
        return pos;
    }

    /// <summary>From a value's first byte to just past the whole value (nested containers included).</summary>
    public static int ValueEnd(ReadOnlySpan<byte> json, int pos)
    {
        int depth = 0;
        do
        {
            pos = SkipWhitespace(json, pos);
            switch (json[pos])
            {
                case (byte)'"':
                    pos = StringEnd(json, pos);
                    break;
                case (byte)'[' or (byte)'{':
                    depth++;
                    pos++;
                    break;
                case (byte)']' or (byte)'}':
                    depth--;
                    pos++;
                    break;
                case (byte)',' or (byte)':':
                    pos++;
                    break;
                case (byte)'t' or (byte)'n':
                    pos += 4;
                    break;
                case (byte)'f':
                    pos += 5;
                    break;
                default:
                    pos = NumberEnd(json, pos, out _);
                    break;
            }
        }
        while (depth > 0);
        return pos;
    }
}
