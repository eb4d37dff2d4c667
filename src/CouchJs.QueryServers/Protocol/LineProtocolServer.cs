using CouchJs.QueryServers.Protocol;

namespace CouchJs.QueryServers;

/// <summary>
/// The protocol half every engine shares: each <see cref="IQueryServer"/> call becomes one
/// line-protocol command (written by <see cref="CommandWriter"/>) and its answer is checked the way
/// couch_query_servers does. An engine supplies <see cref="Exchange"/> (one command in, one answer
/// out, log lines already handled) and its own batched <see cref="MapDocs"/>.
/// An engine that failed in a way that leaves its state unknown (timeout, fatal error, dead process)
/// is <see cref="Broken"/>: its pool never hands it out again.
/// </summary>
public abstract class LineProtocolServer : IQueryServer, IAsyncDisposable
{
    private protected readonly CommandWriter Commands = new();

    private protected LineProtocolServer(string engineName, TimeSpan timeout, Action<string> log)
    {
        EngineName = engineName;
        Timeout = timeout;
        Log = log;
    }

    public string EngineName { get; }

    public string? Loaded { get; set; }

    /// <summary>How long one command may take (<c>os_process_timeout</c> when the engine was made).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The engine must not be used again.</summary>
    public bool Broken { get; private protected set; }

    /// <summary>Still fit for another caller (not broken; for a process, still running).</summary>
    public virtual bool Usable => !Broken;

    /// <summary>Where the engine's <c>log()</c> lines go.</summary>
    private protected Action<string> Log { get; }

    /// <summary>Sends one command (a JSON array and a newline) and returns the answer, after any log lines.</summary>
    private protected abstract ValueTask<byte[]> Exchange(ReadOnlyMemory<byte> command, CancellationToken ct);

    public abstract Task<byte[][]> MapDocs(IReadOnlyList<ReadOnlyMemory<byte>> docs, CancellationToken ct);

    public Task Reset(QueryServerConfig config, CancellationToken ct)
    {
        Loaded = null;
        return Call(Commands.Reset(config), static answer => Answer.ExpectTrue(answer, "reset"), ct);
    }

    public Task AddLib(ReadOnlyMemory<byte> libJson, CancellationToken ct) =>
        Call(Commands.AddLib(libJson), static answer => Answer.ExpectTrue(answer, "add_lib"), ct);

    public Task AddFun(string source, CancellationToken ct) =>
        Call(Commands.AddFun(source), static answer => Answer.ExpectTrue(answer, "add_fun"), ct);

    public Task<byte[][]> Reduce(IReadOnlyList<string> sources, IReadOnlyList<KeyValueRow> rows, CancellationToken ct) =>
        Call(Commands.Reduce(sources, rows), static answer => Answer.ListAfterTrue(answer, "reduce"), ct);

    public Task<byte[][]> Rereduce(IReadOnlyList<string> sources, IReadOnlyList<ReadOnlyMemory<byte>> values, CancellationToken ct) =>
        Call(Commands.Rereduce(sources, values), static answer => Answer.ListAfterTrue(answer, "rereduce"), ct);

    public Task DdocNew(string ddocId, ReadOnlyMemory<byte> ddocJson, CancellationToken ct) =>
        Call(Commands.DdocNew(ddocId, ddocJson), static answer => Answer.ExpectTrue(answer, "ddoc new"), ct);

    public Task<byte[]> DdocCall(string ddocId, IReadOnlyList<string> path, ReadOnlyMemory<byte> argsJson, CancellationToken ct) =>
        Call(Commands.DdocCall(ddocId, path, argsJson), static answer => answer, ct);

    /// <summary>
    /// Sends one raw protocol command (a JSON array; the newline is added when missing) and returns
    /// the answer as the line protocol carries it, errors included (an engine's fatal error is sent as
    /// <c>["error", …]</c>, and the engine is then broken, as couchjs exits after one). For commands
    /// this interface has no method for (a list's list_row / list_end) and for conformance tests.
    /// </summary>
    public Task<byte[]> Send(ReadOnlyMemory<byte> command, CancellationToken ct)
    {
        if (!command.Span.EndsWith("\n"u8)) command = (byte[])[.. command.Span, (byte)'\n'];
        return Guarded(async () =>
        {
            var answer = await Exchange(command, ct).ConfigureAwait(false);
            if (Answer.Classify(answer) == AnswerKind.Fatal)
            {
                Broken = true;
                Answer.FatalAsError(answer);
            }
            return answer;
        });
    }

    /// <summary>
    /// validate_doc_update of design doc <paramref name="ddocId"/> on every edit of
    /// <paramref name="batch"/>, in <c>validate_docs</c> commands: only CouchJs's own query-server core
    /// (Jint, the bundled Node server) knows them. One answer per edit, each what
    /// <c>["ddoc", id, ["validate_doc_update"], args]</c> answers for it, error answers included.
    /// An error answered for a whole command (the function is missing or does not compile, the engine
    /// failed) is the answer of its edits and of all those after it; a fatal one breaks the engine.
    /// </summary>
    public virtual Task<byte[][]> ValidateDocs(string ddocId, DocValidations batch, CancellationToken ct) =>
        Guarded(async () =>
        {
            var answers = new byte[batch.Edits.Count][];
            for (int start = 0, end; start < answers.Length; start = end)
            {
                end = CommandChunks.End(answers.Length, start, i => ArgsBytes(batch, i));
                var command = Commands.ValidateDocs(ddocId, batch, start, end);
                if (!PerEdit(await Exchange(command, ct).ConfigureAwait(false), answers.AsSpan(start, end - start)))
                {
                    // The Node server, like couchjs, answers a fatal error as an error and exits.
                    answers.AsSpan(end).Fill(answers[start]);
                    break;
                }
            }
            return answers;
        });

    // One edit's [newDoc, oldDoc, userCtx, secObj] in a validate_docs command.
    private static long ArgsBytes(DocValidations batch, int index) =>
        batch.Edits[index].NewDoc.Length + (batch.Edits[index].OldDoc?.Length ?? 4) + batch.UserCtx.Length + batch.SecObj.Length + 16;

    /// <summary>A <c>validate_docs</c> answer split into one answer per edit; false when it was one error for them all.</summary>
    private protected bool PerEdit(byte[] answer, Span<byte[]> answers)
    {
        switch (Answer.Classify(answer))
        {
            case AnswerKind.Fatal:
                Broken = true;
                Answer.FatalAsError(answer);
                answers.Fill(answer);
                return false;
            case AnswerKind.Error:
                answers.Fill(answer);
                return false;
        }
        // [true, [answer, …]]: a bare array of answers could look like a message.
        var elements = Answer.ListAfterTrue(answer, "validate_docs");
        if (elements.Length != answers.Length)
            throw QueryServerErrors.BadAnswer($"validate_docs answered {elements.Length} results for {answers.Length} documents");
        elements.CopyTo(answers);
        return true;
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// One exchange and the reading of its answer; an error answer throws. A fatal error (the
    /// engine's own, or one raised around it: timeout, death, an answer out of protocol) breaks the
    /// engine.
    /// </summary>
    private protected Task<T> Call<T>(ReadOnlyMemory<byte> command, Func<byte[], T> read, CancellationToken ct) =>
        Guarded(async () => read(Answer.ThrowIfError(await Exchange(command, ct).ConfigureAwait(false))));

    /// <summary>Runs an engine's work; a fatal error breaks the engine, and a broken engine takes no more work.</summary>
    private protected async Task<T> Guarded<T>(Func<Task<T>> work)
    {
        if (Broken) throw new QueryServerException(QueryServerErrors.OsProcessError, "the query server failed earlier and was discarded", fatal: true);
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (QueryServerException e) when (e.Fatal)
        {
            Broken = true;
            throw;
        }
    }

    private protected Task Call(ReadOnlyMemory<byte> command, Action<byte[]> read, CancellationToken ct) =>
        Call(command, answer =>
        {
            read(answer);
            return true;
        }, ct);

    /// <summary>Splits a batched map answer into one <c>[[[k, v], …] per fun]</c> per doc, checking the count.</summary>
    private protected static byte[][] PerDoc(ReadOnlySpan<byte> answer, int docCount)
    {
        var results = Answer.Elements(answer, "map_docs");
        if (results.Length != docCount)
            throw QueryServerErrors.BadAnswer($"map_docs answered {results.Length} results for {docCount} docs");
        return results;
    }
}
