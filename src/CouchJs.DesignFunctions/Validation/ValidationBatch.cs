using System.Buffers;
using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.DesignFunctions.Designs;
using CouchJs.DesignFunctions.Engines;
using CouchJs.QueryServers;

namespace CouchJs.DesignFunctions.Validation;

/// <summary>
/// One validator judging many edits. On CouchJs's own core (Jint, the bundled Node server) the edits go
/// in <c>["validate_docs", id, [args, …]]</c> commands of about <see cref="ChunkBytes"/> each — one
/// exchange, one parse and one dispatch per chunk instead of per document — and each answer reads as
/// the single command's would. Other query servers get CouchDB's one command per document.
/// </summary>
internal static class ValidationBatch
{
    /// <summary>Arguments per command: as UTF-16 text still under the 85,000-byte large object threshold (as map_docs chunks).</summary>
    private const int ChunkBytes = 40_000;

    private static readonly string[] FunctionPath = ["validate_doc_update"];

    /// <summary>The verdict for each of <paramref name="args"/> (null: accepted).</summary>
    public static async Task<CouchException?[]> Judge(SessionSet sessions, DesignDoc validator, IReadOnlyList<byte[]> args)
    {
        var verdicts = new CouchException?[args.Count];
        var session = await sessions.For(validator).ConfigureAwait(false);
        if (!session.RunsCouchJsCore)
        {
            for (int i = 0; i < args.Count; i++) verdicts[i] = await One(sessions, validator, args[i]).ConfigureAwait(false);
            return verdicts;
        }
        for (int start = 0, end; start < args.Count; start = end)
        {
            end = ChunkEnd(args, start);
            var answer = await sessions.Send(validator, Command(validator, args, start, end)).ConfigureAwait(false);
            Read(answer, verdicts.AsSpan(start, end - start));
        }
        return verdicts;
    }

    private static async Task<CouchException?> One(SessionSet sessions, DesignDoc validator, byte[] args)
    {
        try
        {
            return ValidationVerdict.Read(await sessions.Call(validator, FunctionPath, args).ConfigureAwait(false));
        }
        catch (QueryServerException e)
        {
            return FunctionErrors.ToCouch(e);
        }
    }

    private static int ChunkEnd(IReadOnlyList<byte[]> args, int start)
    {
        int end = start + 1;
        long bytes = args[start].Length;
        while (end < args.Count && bytes + args[end].Length + 1 <= ChunkBytes) bytes += args[end++].Length + 1;
        return end;
    }

    // ["validate_docs", id, [args, …]]: the arguments are compact JSON, so the command stays one line.
    private static byte[] Command(DesignDoc validator, IReadOnlyList<byte[]> args, int start, int end)
    {
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes + 256);
        buffer.Write("[\"validate_docs\","u8);
        using (var w = new Utf8JsonWriter(buffer, FunctionJson.WriterOptions)) w.WriteStringValue(validator.Id);
        buffer.Write(",["u8);
        for (int i = start; i < end; i++)
        {
            if (i > start) buffer.Write(","u8);
            buffer.Write(args[i]);
        }
        buffer.Write("]]"u8);
        return buffer.WrittenSpan.ToArray();
    }

    // An error answer for the whole command (the function is missing or does not compile, the engine
    // failed) is every document's; otherwise one answer per document, errors among them.
    private static void Read(byte[] answer, Span<CouchException?> verdicts)
    {
        if (ErrorOf(answer) is { } error)
        {
            verdicts.Fill(error);
            return;
        }
        var reader = new Utf8JsonReader(answer, new JsonReaderOptions { MaxDepth = 4096 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) throw FunctionAnswers.BadAnswer(answer);
        int i = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (i == verdicts.Length) throw FunctionAnswers.BadAnswer(answer);
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            var element = answer.AsSpan(start, (int)reader.BytesConsumed - start);
            verdicts[i++] = ErrorOf(element) ?? ValidationVerdict.Read(element);
        }
        if (i != verdicts.Length) throw FunctionAnswers.BadAnswer(answer);
    }

    // ["error", name, reason], as couch_os_process reads it.
    private static CouchException? ErrorOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("error"u8)) return null;
        reader.Read();
        string name = Text(ref reader, json);
        string reason = reader.Read() && reader.TokenType != JsonTokenType.EndArray ? Text(ref reader, json) : name;
        return FunctionErrors.ToCouch(new QueryServerException(name, reason));
    }

    private static string Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString()!;
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
    }
}
