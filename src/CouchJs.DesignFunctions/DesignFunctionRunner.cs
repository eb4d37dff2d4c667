using System.Buffers;
using CouchJs.Database;
using CouchJs.Database.Changes;
using CouchJs.DesignFunctions.Designs;
using CouchJs.DesignFunctions.Documents;
using CouchJs.DesignFunctions.Engines;
using CouchJs.DesignFunctions.Filters;
using CouchJs.DesignFunctions.Lists;
using CouchJs.DesignFunctions.Responses;
using CouchJs.DesignFunctions.Rewrites;
using CouchJs.QueryServers;

namespace CouchJs.DesignFunctions;

/// <summary>
/// Runs a database's design functions in its query servers (couch_query_servers' ddoc_prompt): each
/// call takes an engine that holds the design document (by database, id and rev), sends the
/// function's arguments and reads the answer's shape. A query server's error becomes CouchDB's HTTP
/// error (<see cref="FunctionErrors"/>).
/// </summary>
public sealed class DesignFunctionRunner(IQueryServerPool pool, DesignDocCache designs, QueryServerDocs docs)
{
    public DesignDocCache Designs { get; } = designs;

    public QueryServerDocs Docs { get; } = docs;

    /// <summary>A show: <c>[doc, req]</c> (doc JSON or <c>null</c>) answered <c>["resp", {…}]</c>.</summary>
    public async Task<FunctionResponse> Show(CouchDatabase db, DesignDoc ddoc, string name, ReadOnlyMemory<byte> doc, ReadOnlyMemory<byte> req, CancellationToken ct)
    {
        var answer = await Call(db, ddoc, ["shows", name], Args(doc, req), ct).ConfigureAwait(false);
        return FunctionResponse.Parse(FunctionAnswers.Resp(answer));
    }

    /// <summary>An update: <c>[doc, req]</c> answered <c>["up", doc, {…}]</c>; the document to save (JSON object) or null, and the response.</summary>
    public async Task<(byte[]? Doc, System.Text.Json.JsonElement Response)> Update(CouchDatabase db, DesignDoc ddoc, string name,
        ReadOnlyMemory<byte> doc, ReadOnlyMemory<byte> req, CancellationToken ct)
    {
        var answer = await Call(db, ddoc, ["updates", name], Args(doc, req), ct).ConfigureAwait(false);
        var (saved, response) = FunctionAnswers.Up(answer);
        return (saved is { } json ? System.Text.Encoding.UTF8.GetBytes(json.GetRawText()) : null, response);
    }

    /// <summary>Starts a list with <c>[head, req]</c>; the run holds its engine until it is disposed.</summary>
    public async Task<ListRun> StartList(CouchDatabase db, DesignDoc ddoc, string name, ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> req, CancellationToken ct)
    {
        var session = await Open(db, ddoc, ct).ConfigureAwait(false);
        try
        {
            return await ListRun.Start(session, ddoc, name, Args(head, req), ct).ConfigureAwait(false);
        }
        catch (QueryServerException e)
        {
            throw FunctionErrors.ToCouch(e);
        }
    }

    /// <summary>A rewrite function with the Request2 object: null when it found no rule.</summary>
    public async Task<RewriteOutcome?> Rewrite(CouchDatabase db, DesignDoc ddoc, ReadOnlyMemory<byte> req, string prefix, string rawQuery, CancellationToken ct)
    {
        var args = new ArrayBufferWriter<byte>(req.Length + 2);
        args.Write("["u8);
        args.Write(req.Span);
        args.Write("]"u8);
        var answer = await Call(db, ddoc, ["rewrites"], args.WrittenMemory, ct).ConfigureAwait(false);
        return RewriteFunctionAnswer.Read(answer, prefix, rawQuery);
    }

    /// <summary><c>filter=ddoc/name</c>: the feed's filter, with the request object every call gets.</summary>
    public ChangesFilter Filter(CouchDatabase db, DesignDoc ddoc, string name, ReadOnlyMemory<byte> req, CancellationToken ct) =>
        ChangesFilter.Judged(new FunctionJudge(pool, Docs, db, ddoc, ["filters", name], req, ct));

    /// <summary><c>filter=_view&amp;view=ddoc/name</c>: documents the view's map function emits anything for.</summary>
    public ChangesFilter ViewFilter(CouchDatabase db, DesignDoc ddoc, string view, CancellationToken ct) =>
        ChangesFilter.Judged(new FunctionJudge(pool, Docs, db, ddoc, ["views", view, "map"], null, ct));

    private Task<FunctionSession> Open(CouchDatabase db, DesignDoc ddoc, CancellationToken ct) =>
        FunctionSession.Open(pool, db.Name, ddoc.Language, [ddoc], ct);

    private async Task<byte[]> Call(CouchDatabase db, DesignDoc ddoc, string[] path, ReadOnlyMemory<byte> args, CancellationToken ct)
    {
        try
        {
            await using var session = await Open(db, ddoc, ct).ConfigureAwait(false);
            return await session.Call(ddoc, path, args, ct).ConfigureAwait(false);
        }
        catch (QueryServerException e)
        {
            throw FunctionErrors.ToCouch(e);
        }
    }

    // [first, second]
    private static ReadOnlyMemory<byte> Args(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second)
    {
        var args = new byte[first.Length + second.Length + 3];
        args[0] = (byte)'[';
        first.Span.CopyTo(args.AsSpan(1));
        args[1 + first.Length] = (byte)',';
        second.Span.CopyTo(args.AsSpan(2 + first.Length));
        args[^1] = (byte)']';
        return args;
    }
}
