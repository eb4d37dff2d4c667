using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.DesignFunctions.Designs;
using CouchJs.DesignFunctions.Engines;
using CouchJs.QueryServers;

namespace CouchJs.DesignFunctions.Validation;

/// <summary>
/// One validator judging many edits. CouchJs's own core (Jint, the bundled Node server) takes them
/// all in <c>validate_docs</c> (one exchange, one dispatch for many documents, see
/// <see cref="LineProtocolServer.ValidateDocs"/>), and each answer reads as the single command's
/// would. Other query servers get CouchDB's one command per document.
/// </summary>
internal static class ValidationBatch
{
    private static readonly string[] FunctionPath = ["validate_doc_update"];

    /// <summary>The verdict for each edit of <paramref name="batch"/> (null: accepted).</summary>
    public static async Task<CouchException?[]> Judge(SessionSet sessions, DesignDoc validator, DocValidations batch)
    {
        var verdicts = new CouchException?[batch.Edits.Count];
        var session = await sessions.For(validator).ConfigureAwait(false);
        if (!session.RunsCouchJsCore)
        {
            for (int i = 0; i < verdicts.Length; i++) verdicts[i] = await One(sessions, validator, batch.Args(i)).ConfigureAwait(false);
            return verdicts;
        }
        var answers = await sessions.ValidateDocs(validator, batch).ConfigureAwait(false);
        for (int i = 0; i < verdicts.Length; i++)
        {
            // The answer of almost every edit: read without a JSON reader.
            if (answers[i] is [(byte)'1']) continue;
            verdicts[i] = ErrorOf(answers[i]) ?? ValidationVerdict.Read(answers[i]);
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
