using System.Diagnostics;
using CouchJs.QueryServers.Tests.Support;

namespace CouchJs.QueryServers.Tests;

/// <summary>The in-process engine's limits and sandbox.</summary>
public sealed class JintQueryServerTests
{
    private static readonly QueryServerConfig Config = new();

    private static async Task<JintQueryServer> WithFunction(JintLimits limits, string source, List<string>? log = null)
    {
        var server = await JintQueryServer.Create(limits, m => log?.Add(m));
        await server.Reset(Config, default);
        await server.AddFun(source, default);
        return server;
    }

    [Fact]
    public async Task An_infinite_loop_times_out_within_the_timeout_and_breaks_the_engine()
    {
        // A second, not less: the limit also covers the first commands' JIT on a loaded machine.
        await using var server = await WithFunction(new JintLimits(TimeSpan.FromSeconds(1)), "function(doc) { while (true) {} }");
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<QueryServerException>(() => server.MapDocs(Json.Docs("{}"), default));
        Assert.InRange(clock.ElapsedMilliseconds, 900, 6000);
        Assert.Equal(("os_process_error", "OS process timed out."), (error.Error, error.Reason));
        Assert.True(error.Fatal);
        Assert.False(server.Usable);
    }

    [Fact]
    public async Task A_broken_engine_refuses_further_commands()
    {
        await using var server = await WithFunction(new JintLimits(TimeSpan.FromSeconds(1)), "function(doc) { while (true) {} }");
        await Assert.ThrowsAsync<QueryServerException>(() => server.MapDocs(Json.Docs("{}"), default));
        var error = await Assert.ThrowsAsync<QueryServerException>(() => server.Reset(Config, default));
        Assert.Equal("os_process_error", error.Error);
        Assert.True(error.Fatal);
    }

    [Fact]
    public async Task A_caller_that_gives_up_stops_the_script()
    {
        await using var server = await WithFunction(new JintLimits(TimeSpan.FromSeconds(30)), "function(doc) { while (true) {} }");
        using var cancel = new CancellationTokenSource(200);
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.MapDocs(Json.Docs("{}"), cancel.Token));
        Assert.InRange(clock.ElapsedMilliseconds, 150, 3000);
        Assert.False(server.Usable);
    }

    [Fact]
    public async Task Runaway_recursion_is_the_functions_own_range_error()
    {
        var log = new List<string>();
        // Filling the engine's 64 MB stack takes about 2 s, several times that on a loaded machine.
        await using var server = await WithFunction(new JintLimits(TimeSpan.FromSeconds(60)), "function(doc) { function f(n) { return f(n + 1) + 1; } emit(f(0), null); }", log);
        var results = await server.MapDocs(Json.Docs("""{"_id":"deep"}"""), default);
        Assert.Equal("[[]]", Json.Text(results[0]));
        Assert.Equal(["function raised exception RangeError: Maximum call stack size exceeded with doc._id deep"], log);
        Assert.True(server.Usable);
    }

    [Fact]
    public async Task Deep_but_finite_recursion_works()
    {
        await using var server = await WithFunction(new JintLimits(TimeSpan.FromSeconds(5)), "function(doc) { function f(n) { return n === 0 ? 0 : 1 + f(n - 1); } emit(f(doc.n), null); }");
        var results = await server.MapDocs(Json.Docs("""{"n":5000}"""), default);
        Assert.Equal("[[[5000,null]]]", Json.Text(results[0]));
    }

    [Fact]
    public async Task Allocating_past_the_memory_limit_breaks_the_engine()
    {
        await using var server = await WithFunction(new JintLimits(TimeSpan.FromSeconds(10), MemoryBytes: 64 << 20), "function(doc) { var a = []; while (true) a.push({ x: [1, 2, 3] }); }");
        var error = await Assert.ThrowsAsync<QueryServerException>(() => server.MapDocs(Json.Docs("{}"), default));
        Assert.Equal("os_process_error", error.Error);
        Assert.StartsWith("Script has allocated", error.Reason);
        Assert.False(server.Usable);
    }

    [Fact]
    public async Task The_statement_limit_breaks_the_engine()
    {
        await using var server = await WithFunction(new JintLimits(TimeSpan.FromSeconds(10), MaxStatements: 10_000), "function(doc) { for (var i = 0; ; i++) {} }");
        var error = await Assert.ThrowsAsync<QueryServerException>(() => server.MapDocs(Json.Docs("{}"), default));
        Assert.Equal(("os_process_error", "too many statements"), (error.Error, error.Reason));
        Assert.False(server.Usable);
    }

    [Fact]
    public async Task The_limits_apply_per_command_not_per_engine()
    {
        // Eight commands of 300 ms outlast the 2 s timeout together, each well within it even on a loaded machine.
        await using var server = await WithFunction(new JintLimits(TimeSpan.FromSeconds(2)), "function(doc) { var t = Date.now(); while (Date.now() - t < 300) {} emit(1, null); }");
        for (int i = 0; i < 8; i++) Assert.Single(await server.MapDocs(Json.Docs("{}"), default));
    }

    [Fact]
    public async Task Scripts_see_no_host_objects()
    {
        await using var server = await WithFunction(new JintLimits(TimeSpan.FromSeconds(5)),
            """
            function(doc) {
              var global = (function () { return this; })();
              emit("clr", [typeof System, typeof importNamespace, typeof clrHelper, typeof host]);
              emit("glue", [typeof __couchjsLog, typeof __couchjsExchange, typeof createQueryServer]);
              emit("globals", Object.getOwnPropertyNames(global).filter(function (n) { return n.indexOf("couchjs") >= 0; }));
              emit("log", [typeof log.Method, typeof log.Target, typeof log.GetType]);
            }
            """);
        var results = await server.MapDocs(Json.Docs("{}"), default);
        Assert.Equal(
            """[[["clr",["undefined","undefined","undefined","undefined"]],["glue",["undefined","undefined","undefined"]],["globals",[]],["log",["undefined","undefined","undefined"]]]]""",
            Json.Text(results[0]));
    }

    [Fact]
    public async Task Log_lines_reach_the_sink_in_order()
    {
        var log = new List<string>();
        await using var server = await WithFunction(new JintLimits(TimeSpan.FromSeconds(5)), "function(doc) { log('first ' + doc._id); log({ second: [1] }); }", log);
        await server.MapDocs(Json.Docs("""{"_id":"x"}"""), default);
        Assert.Equal(["first x", """{"second":[1]}"""], log);
    }

    [Fact]
    public void The_version_is_jints()
    {
        Assert.Equal(typeof(global::Jint.Engine).Assembly.GetName().Version!.ToString(3), JintQueryServer.Version);
    }
}
