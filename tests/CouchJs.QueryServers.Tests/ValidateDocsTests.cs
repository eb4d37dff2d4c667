using System.Text;
using CouchJs.QueryServers.Tests.Support;

namespace CouchJs.QueryServers.Tests;

/// <summary>
/// <see cref="LineProtocolServer.ValidateDocs"/> on each engine of CouchJs's core: Jint hands the
/// documents in as lazily decoded objects, the Node server gets <c>validate_docs</c> commands in
/// chunks; both must answer, edit by edit, what <c>["ddoc", id, ["validate_doc_update"], args]</c>
/// answers for that edit alone.
/// </summary>
public sealed class ValidateDocsTests
{
    private const string Validator = """
        function (newDoc, oldDoc, userCtx, secObj) {
          if (newDoc.word) throw newDoc.word;
          if (newDoc.forbid) throw({forbidden: 'no ' + newDoc._id + ' for ' + userCtx.name});
          if (newDoc.crash) return newDoc.missing.field;
          if (newDoc.unauthorized) throw({unauthorized: 'admins are ' + secObj.admins.names.join()});
          if (oldDoc && oldDoc.type !== newDoc.type) throw({forbidden: 'type was ' + oldDoc.type});
          if (userCtx.touched || newDoc.touched) throw({forbidden: 'saw an earlier edit'});
          newDoc.touched = true;
          userCtx.touched = true;
        }
        """;

    private static readonly byte[] UserCtx = Json.Utf8("""{"db":"db","name":"bob","roles":["editor"]}""");
    private static readonly byte[] SecObj = Json.Utf8("""{"admins":{"names":["boss","chief"],"roles":[]},"members":{"names":[],"roles":[]}}""");

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task Each_edit_gets_the_answer_validate_doc_update_gives_it_alone(string engine)
    {
        await using var server = await Loaded(engine, Validator);
        var batch = Batch(
            ("""{"_id":"a","type":"t"}""", null),
            ("""{"_id":"b","forbid":true}""", null),
            ("""{"_id":"c","crash":true}""", null),
            ("""{"_id":"d","unauthorized":true}""", null),
            ("""{"_id":"e","type":"new"}""", """{"_id":"e","_rev":"1-x","type":"old"}"""),
            ("""{"_id":"f","type":"same"}""", """{"_id":"f","_rev":"1-x","type":"same"}"""));

        var answers = await server.ValidateDocs("_design/v", batch, default);

        var expected = new List<string>();
        for (int i = 0; i < batch.Edits.Count; i++)
            expected.Add(Json.Canonical(await server.Send(Command(batch.Args(i)), default)));
        Assert.Equal(expected, answers.Select(Json.Canonical));
        Assert.Equal(
            ["1", """{"forbidden":"no b for bob"}""", """{"unauthorized":"admins are boss,chief"}""", """{"forbidden":"type was old"}""", "1"],
            answers.Select(Json.Canonical).Where((_, i) => i != 2));
        Assert.StartsWith("""["error","TypeError",""", Json.Canonical(answers[2]));
        Assert.True(server.Usable);
    }

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task Thrown_words_that_name_protocol_messages_are_only_answers(string engine)
    {
        // The answers come as [true, [...]]: a first answer "error" or "log" starts no message.
        await using var server = await Loaded(engine, Validator);
        var answers = await server.ValidateDocs("_design/v", Batch(("""{"_id":"a","word":"error"}""", null), ("""{"_id":"b","word":"log"}""", null), ("""{"_id":"c"}""", null)), default);
        Assert.Equal(["\"error\"", "\"log\"", "1"], answers.Select(Json.Canonical));
        Assert.True(server.Usable);
    }

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task Hundreds_of_documents_are_answered_in_order(string engine)
    {
        await using var server = await Loaded(engine, Validator);
        // Over 40 KB of arguments: the Node server gets several commands.
        var edits = Enumerable.Range(0, 300).Select(i => (
            $$"""{"_id":"doc{{i}}","forbid":{{(i % 7 == 0 ? "true" : "false")}},"pad":"{{new string('x', 300)}}"}""", (string?)null)).ToArray();

        var answers = await server.ValidateDocs("_design/v", Batch(edits), default);

        Assert.Equal(
            Enumerable.Range(0, 300).Select(i => i % 7 == 0 ? $$"""{"forbidden":"no doc{{i}} for bob"}""" : "1"),
            answers.Select(Json.Canonical));
    }

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task An_error_for_the_whole_command_is_every_edits_answer(string engine)
    {
        await using var server = await Loaded(engine, Validator);

        var answers = await server.ValidateDocs("_design/none", Batch(("""{"_id":"a"}""", null), ("""{"_id":"b"}""", null)), default);

        string missing = """["error","not_found","missing validate_doc_update function validate_doc_update on design doc _design/none"]""";
        Assert.Equal([missing, missing], answers.Select(Json.Canonical));
        Assert.True(server.Usable);
        Assert.Empty(await server.ValidateDocs("_design/v", Batch(), default));
    }

    [Theory]
    [MemberData(nameof(Engines.Names), MemberType = typeof(Engines))]
    public async Task A_fatal_error_answers_every_edit_and_breaks_the_engine(string engine)
    {
        // An InternalError is what couchjs takes for its engine failing (out of memory, say).
        await using var server = await Loaded(engine, "function (newDoc) { if (newDoc.die) { var e = new Error('gone'); e.name = 'InternalError'; throw e; } }");

        // Over 40 KB, so for the Node server the commands after the failing one are not sent to a dead process.
        var edits = Enumerable.Range(0, 300).Select(i => (
            $$"""{"_id":"doc{{i}}","die":{{(i == 1 ? "true" : "false")}},"pad":"{{new string('x', 300)}}"}""", (string?)null)).ToArray();

        var answers = await server.ValidateDocs("_design/v", Batch(edits), default);

        Assert.Equal(Enumerable.Repeat("""["error","InternalError","gone"]""", 300), answers.Select(Json.Canonical));
        // The Node server sends the fatal error as an error and exits, as couchjs does.
        await Poll.Until(() => !server.Usable);
    }

    private static async Task<LineProtocolServer> Loaded(string engine, string validator)
    {
        var server = await Engines.Start(engine, []);
        string ddoc = "{\"_id\":\"_design/v\",\"validate_doc_update\":" + System.Text.Json.JsonSerializer.Serialize(validator) + "}";
        await server.DdocNew("_design/v", Json.Utf8(ddoc), default);
        await server.DdocNew("_design/none", Json.Utf8("""{"_id":"_design/none"}"""), default);
        return server;
    }

    private static DocValidations Batch(params (string NewDoc, string? OldDoc)[] edits) =>
        new([.. edits.Select(e => new EditedDoc(Json.Utf8(e.NewDoc), e.OldDoc is null ? (ReadOnlyMemory<byte>?)null : Json.Utf8(e.OldDoc)))], UserCtx, SecObj);

    private static byte[] Command(byte[] args) =>
        Encoding.UTF8.GetBytes("[\"ddoc\",\"_design/v\",[\"validate_doc_update\"]," + Encoding.UTF8.GetString(args) + "]");
}
