using System.Text.Json;

namespace CouchJs.QueryServers.Protocol;

/// <summary>What one line from a query server is: a log line, an error, or the answer itself.</summary>
internal enum AnswerKind
{
    Value,
    Log,
    Error,
    Fatal,
}

/// <summary>
/// Reads query-server answers as couch_os_process does: only an array whose first element is the
/// string <c>"log"</c>, <c>"error"</c> or <c>"fatal"</c> is a message; anything else is the answer
/// and is passed on as raw JSON without being parsed whole.
/// </summary>
internal static class Answer
{
    public static AnswerKind Classify(ReadOnlySpan<byte> line)
    {
        // Only the first two tokens are looked at; a malformed rest is the consumer's problem.
        var reader = new Utf8JsonReader(line, isFinalBlock: false, default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return AnswerKind.Value;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) return AnswerKind.Value;
        }
        catch (JsonException)
        {
            return AnswerKind.Value;
        }
        if (reader.ValueTextEquals("log"u8)) return AnswerKind.Log;
        if (reader.ValueTextEquals("error"u8)) return AnswerKind.Error;
        if (reader.ValueTextEquals("fatal"u8)) return AnswerKind.Fatal;
        return AnswerKind.Value;
    }

    /// <summary>The message of <c>["log", msg]</c> (a non-string message is shown as JSON).</summary>
    public static string LogMessage(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            reader.Read();
            reader.Read();
            reader.Read();
            return reader.TokenType == JsonTokenType.String ? reader.GetString()! : RawToken(ref reader, line);
        }
        catch (JsonException)
        {
            return Preview(line);
        }
    }

    /// <summary>The exception for <c>["error"|"fatal", name, reason]</c>; a non-string name or reason is shown as JSON.</summary>
    public static QueryServerException Error(ReadOnlySpan<byte> line, bool fatal)
    {
        try
        {
            return ReadError(line, fatal);
        }
        catch (JsonException)
        {
            return QueryServerErrors.BadAnswer("malformed error answer " + Preview(line));
        }
    }

    private static QueryServerException ReadError(ReadOnlySpan<byte> line, bool fatal)
    {
        var reader = new Utf8JsonReader(line);
        reader.Read();
        reader.Read();
        string name = reader.Read() ? Text(ref reader, line) : "unknown_error";
        string reason = reader.Read() && reader.TokenType != JsonTokenType.EndArray ? Text(ref reader, line) : name;
        return new QueryServerException(name, reason, fatal);
    }

    /// <summary>Turns <c>["fatal", …]</c> into the <c>["error", …]</c> a process sends before it exits (same length, in place; an escaped spelling, which no core writes, stays).</summary>
    public static void FatalAsError(byte[] answer)
    {
        var reader = new Utf8JsonReader(answer);
        reader.Read();
        reader.Read();
        if (!reader.ValueIsEscaped) "\"error\""u8.CopyTo(answer.AsSpan((int)reader.TokenStartIndex));
    }

    /// <summary>Throws when <paramref name="answer"/> is an error; returns it otherwise.</summary>
    public static byte[] ThrowIfError(byte[] answer)
    {
        return Classify(answer) switch
        {
            AnswerKind.Error => throw Error(answer, fatal: false),
            AnswerKind.Fatal => throw Error(answer, fatal: true),
            AnswerKind.Log => throw QueryServerErrors.BadAnswer("a log line where an answer was expected"),
            _ => answer,
        };
    }

    /// <summary>Checks the <c>true</c> (errors already thrown by <see cref="ThrowIfError"/>) that reset, add_lib, add_fun and ddoc new answer.</summary>
    public static void ExpectTrue(byte[] answer, string command)
    {
        if (!answer.AsSpan().Trim(" \t\r\n"u8).SequenceEqual("true"u8))
            throw QueryServerErrors.BadAnswer(command + " answered " + Preview(answer));
    }

    /// <summary>The raw JSON of each element of a JSON array (copied out of <paramref name="json"/>).</summary>
    public static byte[][] Elements(ReadOnlySpan<byte> json, string command)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartArray) return ReadElements(ref reader, json);
        }
        catch (JsonException)
        {
            // Reported below, with the start of the answer.
        }
        throw QueryServerErrors.BadAnswer(command + " answered " + Preview(json));
    }

    /// <summary>The elements of <c>[true, [x, …]]</c> (errors already thrown by <see cref="ThrowIfError"/>), the answer to reduce, rereduce and validate_docs.</summary>
    public static byte[][] ListAfterTrue(byte[] answer, string command)
    {
        try
        {
            var reader = new Utf8JsonReader(answer);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartArray
                && reader.Read() && reader.TokenType == JsonTokenType.True
                && reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                return ReadElements(ref reader, answer);
        }
        catch (JsonException)
        {
            // Reported below, with the start of the answer.
        }
        throw QueryServerErrors.BadAnswer(command + " answered " + Preview(answer));
    }

    // The reader is on a StartArray: each element's bytes, up to the matching EndArray.
    private static byte[][] ReadElements(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var elements = new List<byte[]>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            elements.Add(json[start..(int)reader.BytesConsumed].ToArray());
        }
        return [.. elements];
    }

    private static string Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> line) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : RawToken(ref reader, line);

    private static string RawToken(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return System.Text.Encoding.UTF8.GetString(line[start..(int)reader.BytesConsumed]);
    }

    private static string Preview(ReadOnlySpan<byte> json) =>
        System.Text.Encoding.UTF8.GetString(json.Length > 200 ? json[..200] : json);
}
