namespace CouchJs.Database.Json;

/// <summary>
/// Copies already-validated JSON without the whitespace between tokens, so stored bodies are compact
/// whatever the client sent (CouchDB re-encodes documents the same way).
/// </summary>
public static class JsonMinifier
{
    /// <summary>Writes the compact form of <paramref name="json"/> to <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Minify(ReadOnlySpan<byte> json, Span<byte> destination)
    {
        int n = 0;
        bool inString = false;
        for (int i = 0; i < json.Length; i++)
        {
            byte b = json[i];
            if (inString)
            {
                destination[n++] = b;
                if (b == (byte)'\\') destination[n++] = json[++i];
                else if (b == (byte)'"') inString = false;
                continue;
            }
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') continue;
            if (b == (byte)'"') inString = true;
            destination[n++] = b;
        }
        return n;
    }
}
