using System.Text.Json;
using CouchJs.Database.Json;

namespace CouchJs.Views.Updating;

/// <summary>
/// Reads one document's map answer, <c>[[[key, value], …] per function]</c>, into rows whose key and
/// value are slices of the answer. Keys are compared as minified JSON; the rare answer with
/// whitespace (a foreign query server) is minified first.
/// </summary>
internal static class MapOutput
{
    public static MapRow[] Parse(byte[] answer, int functionCount)
    {
        var json = HasWhitespace(answer) ? Minified(answer) : answer;
        var rows = new List<MapRow>(functionCount);
        var reader = new Utf8JsonReader(json);
        Expect(ref reader, JsonTokenType.StartArray);
        int function = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray || function >= functionCount) throw Malformed();
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartArray) throw Malformed();
                Next(ref reader);
                var key = Value(ref reader, json);
                Next(ref reader);
                var value = Value(ref reader, json);
                Expect(ref reader, JsonTokenType.EndArray);
                rows.Add(new MapRow(function, key, value));
            }
            function++;
        }
        if (function != functionCount) throw Malformed();
        return [.. rows];
    }

    private static ReadOnlyMemory<byte> Value(ref Utf8JsonReader reader, byte[] json)
    {
        if (reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject or JsonTokenType.PropertyName) throw Malformed();
        int start = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject) reader.Skip();
        return json.AsMemory(start, (int)reader.BytesConsumed - start);
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) => reader.Read() ? reader.TokenType : throw Malformed();

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (Next(ref reader) != type) throw Malformed();
    }

    // Whitespace between tokens; inside strings it is content.
    private static bool HasWhitespace(ReadOnlySpan<byte> json)
    {
        bool inString = false;
        for (int i = 0; i < json.Length; i++)
        {
            byte b = json[i];
            if (inString)
            {
                if (b == (byte)'\\') i++;
                else if (b == (byte)'"') inString = false;
            }
            else if (b == (byte)'"') inString = true;
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') return true;
        }
        return false;
    }

    private static byte[] Minified(byte[] json)
    {
        var buffer = new byte[json.Length];
        int n = JsonMinifier.Minify(json, buffer);
        return buffer.AsSpan(0, n).ToArray();
    }

    private static QueryServers.QueryServerException Malformed() =>
        QueryServers.QueryServerErrors.BadAnswer("the map answer is not [[[key, value], ...] per function]");
}
