using System.Text;
using CouchJs.QueryServers.Tests.Support;

namespace CouchJs.QueryServers.Tests;

/// <summary>The <see cref="IQueryServer"/> methods (not the raw protocol) on both engines.</summary>
public sealed class EngineApiTests
{
    private static readonly QueryServerConfig Config = new();

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task Map_docs_answers_one_result_per_doc_in_order(string engine)
    {
        await using var server = await Engines.Start(engine, []);
        await server.Reset(Config, default);
        await server.AddFun("function(doc) { emit(doc.type, doc.value); }", default);
        await server.AddFun("function(doc) { if (doc.value > 1) emit([doc._id, doc.value], null); }", default);
        var results = await server.MapDocs(Json.Docs(
            """{"_id":"a","type":"x","value":1}""",
            """{"_id":"b","type":"y","value":2}""",
            """{"_id":"c","type":"ünï","value":3.5}"""), default);
        Assert.Equal(
            [
                """[[["x",1]],[]]""",
                """[[["y",2]],[[["b",2],null]]]""",
                """[[["ünï",3.5]],[[["c",3.5],null]]]""",
            ],
            results.Select(Json.Canonical));
    }

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task Map_docs_of_nothing_asks_nothing(string engine)
    {
        await using var server = await Engines.Start(engine, []);
        Assert.Empty(await server.MapDocs([], default));
    }

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task Reduce_and_rereduce_answer_one_reduction_per_source(string engine)
    {
        await using var server = await Engines.Start(engine, []);
        await server.Reset(Config, default);
        string[] sources = ["function(keys, values) { return sum(values); }", "function(keys, values, rereduce) { return rereduce ? values.length : keys[0][1]; }"];
        var rows = new[]
        {
            new KeyValueRow(Json.Utf8("\"k1\""), "doc1", Json.Utf8("2")),
            new KeyValueRow(Json.Utf8("[1,2]"), "doc2", Json.Utf8("3")),
        };
        Assert.Equal(["5", "\"doc1\""], (await server.Reduce(sources, rows, default)).Select(Json.Text));
        Assert.Equal(["10", "3"], (await server.Rereduce(sources, Json.Docs("1", "4", "5"), default)).Select(Json.Text));
    }

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task Design_doc_functions_are_called_by_path(string engine)
    {
        await using var server = await Engines.Start(engine, []);
        await server.DdocNew("_design/v", Json.Utf8("""{"_id":"_design/v","validate_doc_update":"function(newDoc) { if (!newDoc.ok) throw({forbidden: 'not ok'}); }"}"""), default);
        var accepted = await server.DdocCall("_design/v", ["validate_doc_update"], Json.Utf8("""[{"ok":true},null,{"name":null,"roles":[]},{}]"""), default);
        var refused = await server.DdocCall("_design/v", ["validate_doc_update"], Json.Utf8("""[{"ok":false},null,{"name":null,"roles":[]},{}]"""), default);
        Assert.Equal("1", Json.Text(accepted));
        Assert.Equal("""{"forbidden":"not ok"}""", Json.Canonical(refused));
    }

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task A_syntax_error_is_a_compilation_error_and_the_engine_goes_on(string engine)
    {
        await using var server = await Engines.Start(engine, []);
        await server.Reset(Config, default);
        var error = await Assert.ThrowsAsync<QueryServerException>(() => server.AddFun("function(doc) { emit(doc }", default));
        Assert.Equal("compilation_error", error.Error);
        Assert.StartsWith("SyntaxError", error.Reason);
        Assert.False(error.Fatal);
        Assert.True(server.Usable);
        await server.AddFun("function(doc) { emit(1, 2); }", default);
        Assert.Equal("[[[1,2]]]", Json.Text((await server.MapDocs(Json.Docs("{}"), default))[0]));
    }

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task A_map_function_that_throws_skips_the_doc_and_logs(string engine)
    {
        var log = new List<string>();
        await using var server = await Engines.Start(engine, log);
        await server.Reset(Config, default);
        await server.AddFun("function(doc) { if (doc.bad) throw new Error('boom'); emit(doc._id, null); }", default);
        var results = await server.MapDocs(Json.Docs("""{"_id":"a"}""", """{"_id":"b","bad":true}""", """{"_id":"c"}"""), default);
        Assert.Equal(["""[[["a",null]]]""", "[[]]", """[[["c",null]]]"""], results.Select(Json.Text));
        Assert.Equal(["function raised exception Error: boom with doc._id b"], log);
    }

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task A_fatal_error_breaks_the_engine(string engine)
    {
        await using var server = await Engines.Start(engine, []);
        await server.Reset(Config, default);
        await server.AddFun("function(doc) { throw ['fatal', 'my_error', 'stop now']; }", default);
        var error = await Assert.ThrowsAsync<QueryServerException>(() => server.MapDocs(Json.Docs("{}"), default));
        Assert.Equal(("my_error", "stop now"), (error.Error, error.Reason));
        await Poll.Until(() => !server.Usable);
    }

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task Raw_commands_get_raw_answers(string engine)
    {
        await using var server = await Engines.Start(engine, []);
        var answer = await server.Send(Encoding.UTF8.GetBytes("""["add_fun","function(doc) { emit(doc }"]"""), default);
        Assert.StartsWith("""["error","compilation_error","SyntaxError""", Json.Text(answer));
    }
}
