using System.Text;
using System.Text.Json;
using CouchJs.Database;

namespace CouchJs.DesignFunctions.Validation;

/// <summary>
/// What a validate_doc_update answer means (couch_query_servers:validate_doc_update): <c>1</c> or
/// <c>true</c> lets the edit through; <c>{"forbidden": msg}</c> is 403 forbidden,
/// <c>{"unauthorized": msg}</c> 401 unauthorized; any other one-member object or a string is 500
/// unknown_error with the message. A message that is no string is the reason as it is, a JSON value.
/// </summary>
internal static class ValidationVerdict
{
    public static CouchException? Read(ReadOnlySpan<byte> answer)
    {
        var reader = new Utf8JsonReader(answer);
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out long code) && code == 1:
                return null;
            case JsonTokenType.String:
                return new CouchException(500, "unknown_error", reader.GetString()!);
            case JsonTokenType.StartObject:
                return FromObject(ref reader, answer);
            default:
                return Unknown(answer);
        }
    }

    // {Name: Message} with exactly one member.
    private static CouchException FromObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> answer)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return Unknown(answer);
        string name = reader.GetString()!;
        reader.Read();
        byte[]? json = reader.TokenType == JsonTokenType.String ? null : Raw(ref reader, answer);
        string message = json is null ? reader.GetString()! : Encoding.UTF8.GetString(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject) return Unknown(answer);
        return name switch
        {
            "forbidden" => new CouchException(403, "forbidden", message) { ReasonJson = json },
            "unauthorized" => new CouchException(401, "unauthorized", message) { ReasonJson = json },
            // CouchDB prints any other message as an Erlang term: its JSON text is the nearest.
            _ => new CouchException(500, "unknown_error", message),
        };
    }

    private static byte[] Raw(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..(int)reader.BytesConsumed].ToArray();
    }

    // An answer couch_query_servers has no clause for.
    private static CouchException Unknown(ReadOnlySpan<byte> answer) => new(500, "unknown_error", Encoding.UTF8.GetString(answer));
}
