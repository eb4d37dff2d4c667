using System.Diagnostics;
using CouchJs.QueryServers.External;
using CouchJs.QueryServers.Tests.Support;

namespace CouchJs.QueryServers.Tests;

/// <summary>Query servers in child processes: the bundled Node server, foreign ones, and processes that misbehave.</summary>
public sealed class ExternalQueryServerTests
{
    private static readonly QueryServerConfig Config = new();

    private static Task<ExternalQueryServer> Start(ExternalCommand command, List<string> log, TimeSpan? timeout = null, bool? mapDocs = null) =>
        ExternalQueryServer.Start("test", command, timeout ?? Engines.DefaultTimeout, m =>
        {
            lock (log) log.Add(m);
        }, mapDocs, default);

    private static ExternalCommand MapDocOnly => ExternalCommand.Shell("node " + RepoPaths.Script("map_doc_only.js"));

    [Fact]
    public async Task The_node_server_takes_batches()
    {
        await using var server = await Start(ExternalCommand.Node(RepoPaths.NodeMain), []);
        Assert.True(server.SupportsMapDocs);
    }

    [Fact]
    public async Task A_server_without_map_docs_gets_one_map_doc_per_document()
    {
        var log = new List<string>();
        await using var server = await Start(MapDocOnly, log);
        Assert.False(server.SupportsMapDocs);
        Assert.True(server.Usable);
        await server.Reset(Config, default);
        await server.AddFun("function(doc) { emit(doc._id, doc.n * 2); }", default);
        var results = await server.MapDocs(Json.Docs("""{"_id":"a","n":1}""", """{"_id":"b","n":2}"""), default);
        Assert.Equal(["""[[["a",2]]]""", """[[["b",4]]]"""], results.Select(Json.Text));
        Assert.Equal(["mapping a", "mapping b"], log);
    }

    [Fact]
    public async Task Knowing_a_server_lacks_map_docs_skips_the_probe()
    {
        await using var server = await Start(MapDocOnly, [], mapDocs: false);
        await server.Reset(Config, default);
        await server.AddFun("function(doc) { emit(1, null); }", default);
        Assert.Equal(["[[[1,null]]]"], (await server.MapDocs(Json.Docs("{}"), default)).Select(Json.Text));
    }

    [Fact]
    public async Task A_process_that_dies_is_an_os_process_error_with_its_exit_status()
    {
        await using var server = await Start(ExternalCommand.Shell("read line; echo true; read line; exit 3"), [], mapDocs: false);
        await server.Reset(Config, default);
        var error = await Assert.ThrowsAsync<QueryServerException>(() => server.AddFun("function(doc) {}", default));
        Assert.Equal(("os_process_error", "{exit_status,3}"), (error.Error, error.Reason));
        Assert.True(error.Fatal);
        Assert.False(server.Usable);
    }

    [Fact]
    public async Task A_command_that_cannot_run_fails_at_its_first_use()
    {
        await using var server = await Start(ExternalCommand.Shell("/nonexistent/couchjs main.js"), []);
        var error = await Assert.ThrowsAsync<QueryServerException>(() => server.Reset(Config, default));
        Assert.Equal(("os_process_error", "{exit_status,127}"), (error.Error, error.Reason));
    }

    [Fact]
    public async Task A_program_that_does_not_exist_cannot_start()
    {
        var error = await Assert.ThrowsAsync<QueryServerException>(() =>
            Start(new ExternalCommand("/nonexistent/couchjs", [], "/nonexistent/couchjs"), []));
        Assert.Equal("os_process_error", error.Error);
        Assert.StartsWith("cannot start '/nonexistent/couchjs'", error.Reason);
    }

    [Fact]
    public async Task An_infinite_loop_times_out_and_the_process_is_killed()
    {
        // Long enough for a cold node to start on a loaded machine: the limit covers the first command too.
        await using var server = await Start(ExternalCommand.Node(RepoPaths.NodeMain), [], TimeSpan.FromSeconds(2));
        await server.Reset(Config, default);
        await server.AddFun("function(doc) { while (true) {} }", default);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<QueryServerException>(() => server.MapDocs(Json.Docs("{}"), default));
        Assert.InRange(clock.ElapsedMilliseconds, 1900, 8000);
        Assert.Equal(("os_process_error", "OS process timed out."), (error.Error, error.Reason));
        Assert.False(server.Usable);
    }

    [Fact]
    public async Task A_caller_that_gives_up_kills_the_process()
    {
        await using var server = await Start(ExternalCommand.Node(RepoPaths.NodeMain), [], TimeSpan.FromSeconds(30));
        await server.Reset(Config, default);
        await server.AddFun("function(doc) { while (true) {} }", default);
        using var cancel = new CancellationTokenSource(300);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.MapDocs(Json.Docs("{}"), cancel.Token));
        await Poll.Until(() => !server.Usable);
    }

    [Fact]
    public async Task Node_modules_are_out_of_reach_of_design_functions()
    {
        await using var server = await Start(ExternalCommand.Node(RepoPaths.NodeMain), []);
        await server.Reset(Config, default);
        await server.AddFun(
            """
            function(doc) {
              var fs;
              try { fs = require('fs'); } catch (e) { fs = 'refused'; }
              emit(typeof fs === 'string' ? fs : 'loaded', [typeof process, typeof Buffer, typeof setTimeout, typeof globalThis.require]);
            }
            """, default);
        var results = await server.MapDocs(Json.Docs("{}"), default);
        Assert.Equal("""[[["refused",["undefined","undefined","undefined","undefined"]]]]""", Json.Text(results[0]));
    }

    [Fact]
    public async Task Answers_larger_than_the_read_buffer_come_whole()
    {
        await using var server = await Start(ExternalCommand.Node(RepoPaths.NodeMain), []);
        await server.Reset(Config, default);
        await server.AddFun("function(doc) { emit(doc._id, new Array(300001).join('x')); }", default);
        var results = await server.MapDocs(Json.Docs("""{"_id":"big"}""", """{"_id":"big2"}"""), default);
        Assert.Equal(["big", "big2"], results.Select(r => (string)System.Text.Json.Nodes.JsonNode.Parse(r)![0]![0]![0]!));
        Assert.All(results, r => Assert.Equal(300_000, ((string)System.Text.Json.Nodes.JsonNode.Parse(r)![0]![0]![1]!).Length));
    }
}
