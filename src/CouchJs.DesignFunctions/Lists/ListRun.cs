using System.Buffers;
using System.Text.Json;
using CouchJs.DesignFunctions.Designs;
using CouchJs.DesignFunctions.Engines;
using CouchJs.QueryServers;

namespace CouchJs.DesignFunctions.Lists;

/// <summary>
/// One answer of a running list: the chunks to send and, when the function called <c>start()</c>
/// (always on the first answer), the response object with its code and headers.
/// </summary>
public sealed record ListStep(bool Ended, IReadOnlyList<string> Chunks, JsonElement? Response);

/// <summary>
/// A list function running in a query server (couch_mrview_show's list_cb): started with
/// <c>["ddoc", id, ["lists", name], [head, req]]</c>, then fed <c>["list_row", row]</c> until it
/// answers <c>end</c> or the rows run out and <c>["list_end"]</c> ends it. The engine is held for the
/// whole run; one left before its end is discarded, never reused. An error answer throws.
/// </summary>
public sealed class ListRun : IAsyncDisposable
{
    private static readonly byte[] ListEnd = "[\"list_end\"]"u8.ToArray();

    private readonly FunctionSession _session;
    private readonly CancellationToken _ct;
    private bool _ended;

    private ListRun(FunctionSession session, ListStep first, CancellationToken ct)
    {
        _session = session;
        _ct = ct;
        First = first;
    }

    /// <summary>The <c>start</c> answer: the head's chunks and the response object.</summary>
    public ListStep First { get; }

    internal static async Task<ListRun> Start(FunctionSession session, DesignDoc ddoc, string name, ReadOnlyMemory<byte> args, CancellationToken ct)
    {
        try
        {
            var answer = await session.Call(ddoc, ["lists", name], args, ct).ConfigureAwait(false);
            return new ListRun(session, Read(answer, "start"), ct);
        }
        catch (Exception e)
        {
            // An error answer came out of the function, which is over; anything else may leave it running.
            if (e is not QueryServerException { Fatal: false }) session.Abandon();
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends one row (its JSON object); the answer may end the list early.</summary>
    public async Task<ListStep> Row(ReadOnlyMemory<byte> row)
    {
        var command = new ArrayBufferWriter<byte>(row.Length + 16);
        command.Write("[\"list_row\","u8);
        command.Write(row.Span);
        command.Write("]"u8);
        return await Next(command.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary>No more rows: the list's tail.</summary>
    public Task<ListStep> End() => Next(ListEnd);

    private async Task<ListStep> Next(ReadOnlyMemory<byte> command)
    {
        // Unless it answers "chunks", the function is no longer waiting for a row: it ended, failed
        // (an error answer comes out of the function), or its engine was discarded.
        _ended = true;
        var answer = await _session.Send(command, _ct).ConfigureAwait(false);
        var step = Read(answer, "chunks", "end");
        _ended = step.Ended;
        return step;
    }

    // [kind, chunks] or [kind, chunks, response].
    private static ListStep Read(byte[] answer, params ReadOnlySpan<string> kinds)
    {
        var root = FunctionAnswers.ThrowIfError(answer);
        int length = root.ValueKind == JsonValueKind.Array ? root.GetArrayLength() : 0;
        if (length is < 2 or > 3 || root[0].ValueKind != JsonValueKind.String || !kinds.Contains(root[0].GetString()!)
            || root[1].ValueKind != JsonValueKind.Array || (length == 3 && root[2].ValueKind != JsonValueKind.Object))
            throw FunctionAnswers.BadAnswer(answer);
        var chunks = new List<string>(root[1].GetArrayLength());
        foreach (var chunk in root[1].EnumerateArray()) chunks.Add(chunk.ValueKind == JsonValueKind.String ? chunk.GetString()! : chunk.GetRawText());
        return new ListStep(root[0].GetString() == "end", chunks, length == 3 ? root[2] : null);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ended) _session.Abandon();
        await _session.DisposeAsync().ConfigureAwait(false);
    }
}
