using System.ComponentModel;
using System.Diagnostics;
using CouchJs.QueryServers.External;
using CouchJs.QueryServers.Protocol;

namespace CouchJs.QueryServers;

/// <summary>
/// A query server in a child process speaking CouchDB's line protocol on stdin/stdout: the bundled
/// Node.js/V8 server or any configured couchjs-compatible command. Log lines are passed to the log
/// sink and skipped; a command not answered within the timeout kills the process, as couch_os_process
/// closes its port. Batched <c>map_docs</c> is used when the process said it knows it (a probe right
/// after start), one <c>map_doc</c> per document otherwise.
/// </summary>
public sealed class ExternalQueryServer : LineProtocolServer
{
    /// <summary>How long a closed or killed process gets to report its exit status.</summary>
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly Stream _input;
    private readonly LineReader _output;

    private ExternalQueryServer(string engineName, Process process, TimeSpan timeout, Action<string> log)
        : base(engineName, timeout, log)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _output = new LineReader(process.StandardOutput.BaseStream);
    }

    /// <summary>The process answers <c>["map_docs", docs]</c>.</summary>
    public bool SupportsMapDocs { get; private set; }

    public override bool Usable => !Broken && !_process.HasExited;

    /// <summary>
    /// Starts the process. With <paramref name="mapDocs"/> null, probes it with <c>["map_docs", []]</c>:
    /// <c>[]</c> means batches are understood; an error (couchjs then exits on the unknown command) or a
    /// death means they are not, and a fresh process is started for the per-document protocol.
    /// </summary>
    public static async Task<ExternalQueryServer> Start(string engineName, ExternalCommand command, TimeSpan timeout, Action<string> log, bool? mapDocs, CancellationToken ct)
    {
        var server = Launch(engineName, command, timeout, log);
        if (mapDocs is bool known)
        {
            server.SupportsMapDocs = known;
            return server;
        }
        try
        {
            await server.Call(server.Commands.MapDocs([]), static answer => PerDoc(answer, 0), ct).ConfigureAwait(false);
            server.SupportsMapDocs = true;
            return server;
        }
        catch (QueryServerException e) when (e.Reason != QueryServerErrors.TimedOutReason)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            return Launch(engineName, command, timeout, log);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static ExternalQueryServer Launch(string engineName, ExternalCommand command, TimeSpan timeout, Action<string> log)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in command.Arguments) info.ArgumentList.Add(argument);
        try
        {
            var process = Process.Start(info) ?? throw new Win32Exception("no process started");
            return new ExternalQueryServer(engineName, process, timeout, log);
        }
        catch (Win32Exception e)
        {
            throw new QueryServerException(QueryServerErrors.OsProcessError, $"cannot start '{command.Display}': {e.Message}", fatal: true);
        }
    }

    public override async Task<byte[][]> MapDocs(IReadOnlyList<ReadOnlyMemory<byte>> docs, CancellationToken ct)
    {
        if (docs.Count == 0) return [];
        if (SupportsMapDocs) return await Call(Commands.MapDocs(docs), answer => PerDoc(answer, docs.Count), ct).ConfigureAwait(false);
        var results = new byte[docs.Count][];
        for (int i = 0; i < docs.Count; i++)
            results[i] = await Call(Commands.MapDoc(docs[i]), static answer => answer, ct).ConfigureAwait(false);
        return results;
    }

    private protected override async ValueTask<byte[]> Exchange(ReadOnlyMemory<byte> command, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        // Killing the process ends a read or write that a pipe would not abandon by itself.
        using var kill = deadline.Token.Register(Kill);
        try
        {
            await _input.WriteAsync(command, deadline.Token).ConfigureAwait(false);
            await _input.FlushAsync(deadline.Token).ConfigureAwait(false);
            while (true)
            {
                var line = await _output.ReadLine(deadline.Token).ConfigureAwait(false);
                if (line is not { } answer) break;
                if (Answer.Classify(answer.Span) != AnswerKind.Log) return answer.ToArray();
                Log(Answer.LogMessage(answer.Span));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Reported below: the process is gone either way.
        }
        Broken = true;
        Kill();
        ct.ThrowIfCancellationRequested();
        if (deadline.IsCancellationRequested) throw QueryServerErrors.TimedOut();
        throw QueryServerErrors.ProcessExited(await ExitStatus().ConfigureAwait(false));
    }

    private async Task<int> ExitStatus()
    {
        using var wait = new CancellationTokenSource(ExitWait);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return -1;
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        Broken = true;
        Kill();
        await ExitStatus().ConfigureAwait(false);
        _process.Dispose();
    }
}
