using System.Buffers;
using System.Globalization;
using System.Text;
using CouchJs.QueryServers.Jint;
using CouchJs.QueryServers.Jint.Json;
using CouchJs.QueryServers.Protocol;
using global::Jint;
using global::Jint.Constraints;
using global::Jint.Native;
using global::Jint.Runtime;

namespace CouchJs.QueryServers;

/// <summary>
/// The in-process engine: a Jint interpreter running the shared query-server core on its own thread
/// (<see cref="EngineThread"/>). Sandboxed by construction: CLR interop is disabled, and the only
/// host functions it sees are the log sink and the list exchange. Too deep a recursion is the
/// script's own RangeError ("Maximum call stack size exceeded", as in V8). A command that runs past
/// the timeout or exceeds the statement or memory limit is aborted and breaks the engine (its
/// state is unknown after such an abort), as a killed couchjs process would be.
/// A list function pulls its rows while its command runs: the core hands each intermediate answer to
/// the exchange, which passes it to the waiting caller and blocks the engine thread until the next
/// command (list_row / list_end) arrives.
/// </summary>
public sealed class JintQueryServer : LineProtocolServer
{
    /// <summary>As deep as the database layer lets documents be.</summary>
    private const int MaxDocumentDepth = 4096;

    private static readonly CancellationTokenSource NeverCancelled = new();

    private readonly EngineThread _thread;
    private readonly SemaphoreSlim _resume = new(0);
    private Engine _engine = null!;
    private CancellationConstraint _cancellation = null!;
    private JsValue _handle = null!;
    private JsValue _handleValue = null!;
    private JsonValues _json = null!;
    private TaskCompletionSource<object?>? _outcome;
    private string? _nextCommand;
    private CancellationToken _nextCancellation;
    private volatile bool _inList;
    private volatile bool _closing;

    private JintQueryServer(JintLimits limits, Action<string> log)
        : base("jint", limits.Timeout, log)
    {
        _thread = new EngineThread("jint query server");
    }

    /// <summary>Jint's version (e.g. "4.18.0").</summary>
    public static string Version => JintCore.Version;

    /// <summary>Neither broken nor stopped inside a list waiting for rows.</summary>
    public override bool Usable => base.Usable && !_inList;

    /// <summary>Starts an engine thread and loads the core into a fresh engine on it.</summary>
    public static async Task<JintQueryServer> Create(JintLimits limits, Action<string> log)
    {
        var server = new JintQueryServer(limits, log);
        try
        {
            await server._thread.Run(() => server.Load(limits)).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool Load(JintLimits limits)
    {
        _engine = new Engine(options =>
        {
            options.Interop.Enabled = false;
            options.Culture(CultureInfo.InvariantCulture);
            options.Constraints.StackOverflowGuard = true;
            options.MaxJsonParseDepth(MaxDocumentDepth);
            options.TimeoutInterval(limits.Timeout);
            options.RegexTimeoutInterval(limits.Timeout);
            if (limits.MaxStatements > 0) options.MaxStatements(limits.MaxStatements);
            if (limits.MemoryBytes > 0) options.LimitMemory(limits.MemoryBytes);
            // A token that can be cancelled, so Jint installs the constraint each call then re-targets.
            options.CancellationToken(NeverCancelled.Token);
        });
        _cancellation = _engine.Constraints.Find<CancellationConstraint>()!;
        _engine.SetValue(JintCore.LogSinkGlobal, new Action<string>(Sink));
        _engine.SetValue(JintCore.ExchangeGlobal, new Func<string, string>(ListExchange));
        var api = _engine.Evaluate(JintCore.Script, "queryservers/core").AsObject();
        _handle = api.Get("handle");
        _handleValue = api.Get("handleValue");
        _json = new JsonValues(_engine, MaxDocumentDepth);
        return true;
    }

    // A failing sink must not surface inside the script as a host exception: logging is best effort.
    private void Sink(string message)
    {
        try
        {
            Log(message);
        }
        catch (Exception)
        {
            // Dropped, as a log line couchjs could not write would be.
        }
    }

    private protected override async ValueTask<byte[]> Exchange(ReadOnlyMemory<byte> command, CancellationToken ct)
    {
        string text = Encoding.UTF8.GetString(command.Span.TrimEnd("\n"u8));
        return AnswerBytes(await Run(() => Call(_handle, text), text, ct).ConfigureAwait(false));
    }

    // A glue call's answer as the line protocol would carry it. A null answer could not be serialized:
    // couchjs then sends nothing, and its caller times out.
    private static byte[] AnswerBytes(string? answer) =>
        LoneSurrogates.Replace(Encoding.UTF8.GetBytes(answer ?? throw QueryServerErrors.TimedOut()));

    public override async Task<byte[][]> MapDocs(IReadOnlyList<ReadOnlyMemory<byte>> docs, CancellationToken ct)
    {
        var chunks = new List<(int Start, int Count)>();
        for (int start = 0, end; start < docs.Count; start = end)
        {
            end = CommandChunks.End(docs.Count, start, i => docs[i].Length + 1);
            chunks.Add((start, end - start));
        }
        if (chunks.Count == 0) return [];
        return await Guarded(async () =>
        {
            if (_inList) throw new QueryServerException("list_error", "not a row 'map_docs'", fatal: true);
            // Every chunk in one visit to the engine thread (a hand-off costs more than a chunk of work),
            // within one timeout, as the batch is one map_docs command for a process.
            var answers = await Run(() => chunks.ConvertAll(c => Call(_handleValue, MapCommand(docs, c.Start, c.Count))), null, ct).ConfigureAwait(false);
            var results = new byte[docs.Count][];
            for (int i = 0; i < chunks.Count; i++)
            {
                byte[] answer = Answer.ThrowIfError(AnswerBytes(answers[i]));
                PerDoc(answer, chunks[i].Count).CopyTo(results, chunks[i].Start);
            }
            return results;
        }).ConfigureAwait(false);
    }

    // On the engine thread: ["map_docs", [doc, …]] for docs[start .. start + count), the documents
    // decoded as the map functions read them (LazyJsonObject).
    private JsArray MapCommand(IReadOnlyList<ReadOnlyMemory<byte>> docs, int start, int count)
    {
        var values = new JsValue[count];
        for (int i = 0; i < count; i++) values[i] = _json.Read(docs[start + i]);
        return new JsArray(_engine, [JsString.Create("map_docs"), new JsArray(_engine, values)]);
    }

    /// <summary>
    /// The whole batch in one command, its documents handed in as objects that decode a member when
    /// the validator reads it (<see cref="LazyJsonObject"/>): a validator reads a few fields of each
    /// document, and parsing all of them would cost more than the rest of the write.
    /// </summary>
    public override Task<byte[][]> ValidateDocs(string ddocId, DocValidations batch, CancellationToken ct) =>
        Guarded(async () =>
        {
            if (_inList) throw new QueryServerException("list_error", "not a row 'validate_docs'", fatal: true);
            string? answer = await Run(() => Call(_handleValue, ValidateCommand(ddocId, batch)), null, ct).ConfigureAwait(false);
            var answers = new byte[batch.Edits.Count][];
            PerEdit(AnswerBytes(answer), answers);
            return answers;
        });

    // On the engine thread: ["validate_docs", id, [[newDoc, oldDoc, userCtx, secObj], …]] as engine values.
    private JsArray ValidateCommand(string ddocId, DocValidations batch)
    {
        var argsList = new JsValue[batch.Edits.Count];
        for (int i = 0; i < argsList.Length; i++)
        {
            var (newDoc, oldDoc) = batch.Edits[i];
            argsList[i] = new JsArray(_engine, [
                _json.Read(newDoc),
                oldDoc is { } old ? _json.Read(old) : JsValue.Null,
                _json.Read(batch.UserCtx),
                _json.Read(batch.SecObj),
            ]);
        }
        return new JsArray(_engine, [JsString.Create("validate_docs"), JsString.Create(ddocId), new JsArray(_engine, argsList)]);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the engine thread (or, inside a list, hands
    /// <paramref name="listCommand"/> to the waiting exchange) and waits, within the timeout, for the
    /// next answer.
    /// </summary>
    private async ValueTask<T> Run<T>(Func<T> work, string? listCommand, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var outcome = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _outcome = outcome;
        if (_inList && listCommand is not null)
        {
            _nextCommand = listCommand;
            _nextCancellation = ct;
            _resume.Release();
        }
        else _thread.Post(() => Invoke(work, ct));
        try
        {
            // Jint stops a looping script itself at the timeout; the wait also covers one stuck inside a single built-in.
            // A list's intermediate answer is a string; a batched map waits for its chunks' answers.
            return await outcome.Task.WaitAsync(Timeout, ct).ConfigureAwait(false) switch
            {
                T answer => answer,
                null => default!,
                _ => throw QueryServerErrors.BadAnswer("getRow() called outside a list"),
            };
        }
        catch (TimeoutException)
        {
            throw QueryServerErrors.TimedOut();
        }
        catch (OperationCanceledException)
        {
            Broken = true;
            throw;
        }
        catch (ExecutionCanceledException)
        {
            // The caller's token stopped the script (its wait may not have seen the cancellation yet).
            Broken = true;
            throw new OperationCanceledException(ct);
        }
        catch (StatementsCountOverflowException)
        {
            throw new QueryServerException(QueryServerErrors.OsProcessError, "too many statements", fatal: true);
        }
        catch (MemoryLimitExceededException e)
        {
            throw new QueryServerException(QueryServerErrors.OsProcessError, e.Message, fatal: true);
        }
        catch (JavaScriptException e)
        {
            // The dispatcher answers errors itself; one escaping it means the core is unusable.
            throw new QueryServerException(QueryServerErrors.OsProcessError, e.Message, fatal: true);
        }
    }

    // On the engine thread. The answer goes to whoever waits now: after a list, that is the caller of list_end.
    private void Invoke<T>(Func<T> work, CancellationToken ct)
    {
        try
        {
            // Jint resets its other constraints itself when a call starts; a caller that gives up stops the script.
            _cancellation.Reset(ct);
            var result = work();
            // Read only now: a list replaces the outcome with each command it receives.
            _outcome!.TrySetResult(result);
        }
        catch (Exception e)
        {
            _outcome!.TrySetException(e);
        }
    }

    // One glue call on the engine thread: its JSON text, or null when the answer could not be serialized.
    private string? Call(JsValue function, JsValue argument)
    {
        var answer = _engine.Invoke(function, argument);
        return answer.IsNull() ? null : answer.AsString();
    }

    // On the engine thread, called by a list's getRow(): answer the waiting caller, then wait for its next command.
    private string ListExchange(string answer)
    {
        _inList = true;
        _outcome!.TrySetResult(answer);
        _resume.Wait();
        _inList = false;
        if (_closing) throw new OperationCanceledException("the engine was discarded inside a list");
        // The list function resumes with a fresh budget, as for a new command.
        _engine.Constraints.Reset();
        _cancellation.Reset(_nextCancellation);
        return _nextCommand!;
    }

    public override ValueTask DisposeAsync()
    {
        Broken = true;
        _closing = true;
        // A list waiting for rows unwinds, so the thread can end.
        if (_inList) _resume.Release();
        _thread.Dispose();
        return ValueTask.CompletedTask;
    }
}
