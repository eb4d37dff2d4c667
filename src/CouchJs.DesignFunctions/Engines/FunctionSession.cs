using CouchJs.DesignFunctions.Designs;
using CouchJs.QueryServers;

namespace CouchJs.DesignFunctions.Engines;

/// <summary>
/// One checked-out query server that knows a set of design documents (couch_query_servers'
/// with_ddoc_proc): taken with a tag naming the exact revisions it must hold, so an engine that
/// already has them (its <see cref="IQueryServer.Loaded"/> is the tag) gets no <c>ddoc new</c>. An
/// engine that fails fatally is discarded, never returned to its pool.
/// </summary>
internal sealed class FunctionSession : IAsyncDisposable
{
    private readonly QueryServerLease _lease;

    private FunctionSession(QueryServerLease lease) => _lease = lease;

    public IQueryServer Server => _lease.Server;

    /// <summary>
    /// The engine runs CouchJs's own query-server core (the in-process Jint engine, or the bundled
    /// Node server), which also knows its extensions (<c>validate_docs</c>); any other command is a
    /// couchjs-protocol program that knows only CouchDB's commands.
    /// </summary>
    public bool RunsCouchJsCore => Server.EngineName is "jint" or "v8";

    /// <summary>The engine failed and will not go back to its pool.</summary>
    public bool Discarded { get; private set; }

    /// <summary>An engine for <paramref name="language"/> holding <paramref name="docs"/> (all of that language) of database <paramref name="db"/>.</summary>
    public static async Task<FunctionSession> Open(IQueryServerPool pool, string db, string language, IReadOnlyList<DesignDoc> docs, CancellationToken ct)
    {
        string tag = Tag(db, docs);
        var lease = await pool.Acquire(language, tag, ct).ConfigureAwait(false);
        var session = new FunctionSession(lease);
        try
        {
            if (lease.Server.Loaded != tag)
            {
                // Cleared first: an engine whose loading failed half-way must not claim to hold anything.
                lease.Server.Loaded = null;
                foreach (var doc in docs) await lease.Server.DdocNew(doc.Id, doc.Json, ct).ConfigureAwait(false);
                lease.Server.Loaded = tag;
            }
            return session;
        }
        catch (Exception e)
        {
            await session.Fail(e).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary><c>["ddoc", id, path, args]</c>: the answer as the protocol carries it; an error answer throws.</summary>
    public async Task<byte[]> Call(DesignDoc ddoc, IReadOnlyList<string> path, ReadOnlyMemory<byte> args, CancellationToken ct)
    {
        try
        {
            return await Server.DdocCall(ddoc.Id, path, args, ct).ConfigureAwait(false);
        }
        catch (QueryServerException e) when (e.Fatal)
        {
            Discard();
            throw;
        }
        catch (OperationCanceledException)
        {
            // A command given up half-way leaves the engine's state unknown.
            Discard();
            throw;
        }
    }

    /// <summary>A raw protocol command (a list's <c>list_row</c> / <c>list_end</c>); errors come back as answers.</summary>
    public Task<byte[]> Send(ReadOnlyMemory<byte> command, CancellationToken ct) =>
        OnLine(line => line.Send(command, ct), "stream list rows");

    /// <summary><c>validate_docs</c> (only on <see cref="RunsCouchJsCore"/>): one answer per edit, errors included.</summary>
    public Task<byte[][]> ValidateDocs(DesignDoc ddoc, DocValidations batch, CancellationToken ct) =>
        OnLine(line => line.ValidateDocs(ddoc.Id, batch, ct), "validate documents in batches");

    // Protocol work whose errors come back as answers: an engine it broke, or that failed, is discarded.
    private async Task<T> OnLine<T>(Func<LineProtocolServer, Task<T>> work, string what)
    {
        if (Server is not LineProtocolServer line)
            throw new QueryServerException(QueryServerErrors.OsProcessError, "the query server cannot " + what, fatal: true);
        try
        {
            var answer = await work(line).ConfigureAwait(false);
            if (line.Broken) Discard();
            return answer;
        }
        catch (Exception)
        {
            Discard();
            throw;
        }
    }

    /// <summary>The engine is left mid-conversation (a list that did not end): it must not be reused.</summary>
    public void Abandon() => Discard();

    private void Discard()
    {
        Discarded = true;
        _lease.Discard();
    }

    private async Task Fail(Exception e)
    {
        if (e is OperationCanceledException or QueryServerException { Fatal: true }) Discard();
        await _lease.DisposeAsync().ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _lease.DisposeAsync();

    // One string naming the database and every revision, so engines that hold exactly these are found
    // warm. The database is part of it as in CouchDB's db_tag: a rev names content only within its
    // database (a replicated write may bring any rev), so no database's functions run for another.
    private static string Tag(string db, IReadOnlyList<DesignDoc> docs) =>
        docs.Count == 1 ? "ddoc:" + db + ":" + docs[0].LoadTag : "ddoc:" + db + ":" + string.Join('|', docs.Select(d => d.LoadTag));
}
