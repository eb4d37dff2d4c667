using System.Text;
using System.Text.Json.Nodes;
using CouchJs.Database;
using CouchJs.DesignFunctions.Requests;
using CouchJs.DesignFunctions.Tests.Support;

namespace CouchJs.DesignFunctions.Tests.Validation;

/// <summary>validate_doc_update on the database's write path, with a real Jint engine.</summary>
public sealed class ValidateDocUpdateGuardTests : IAsyncLifetime
{
    // Echoes its arguments back in the refusal, so a test sees exactly what the function got.
    private const string Validator = """
        {"_id":"_design/v","validate_doc_update":"function(newDoc, oldDoc, userCtx, secObj) {
          if (newDoc.echo) throw({forbidden: JSON.stringify({newDoc: newDoc, oldDoc: oldDoc, userCtx: userCtx, secObj: secObj})});
          if (newDoc.forbid) throw({forbidden: 'forbidden: ' + newDoc._id});
          if (newDoc.auth) throw({unauthorized: 'log in'});
          if (newDoc.other) throw({nope: 'other'});
          if (newDoc.text) throw('plain text');
          if (newDoc.crash) return newDoc.missing.field;
        }"}
        """;

    private readonly FunctionsHarness _h = FunctionsHarness.Jint();

    public async Task InitializeAsync() => await _h.Put(Validator.Replace("\n", " "));

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_new_document_comes_without_rev_and_with_a_null_old_doc()
    {
        _h.Context.CurrentUser = new UserCtx("bob", ["reader"]);
        _h.Context.Security = """{"admins":{"names":["boss"],"roles":[]},"members":{"names":[],"roles":[]}}""";
        var echo = await Echo("""{"_id":"a","echo":true,"n":1}""");
        AssertJson("""{"_id":"a","echo":true,"n":1}""", echo["newDoc"]);
        Assert.Null(echo["oldDoc"]);
        AssertJson("""{"db":"db","name":"bob","roles":["reader"]}""", echo["userCtx"]);
        AssertJson("""{"admins":{"names":["boss"],"roles":[]},"members":{"names":[],"roles":[]}}""", echo["secObj"]);
    }

    [Fact]
    public async Task An_edit_carries_the_rev_it_replaces_and_the_old_revision()
    {
        string rev = await _h.Put("""{"_id":"a","v":1}""");
        string hash = rev[2..];
        var echo = await Echo($$"""{"_id":"a","_rev":"{{rev}}","echo":true}""");
        AssertJson($$$"""{"_id":"a","_rev":"{{{rev}}}","echo":true,"_revisions":{"start":1,"ids":["{{{hash}}}"]}}""", echo["newDoc"]);
        AssertJson($$$"""{"_id":"a","_rev":"{{{rev}}}","v":1,"_revisions":{"start":1,"ids":["{{{hash}}}"]}}""", echo["oldDoc"]);
    }

    [Fact]
    public async Task A_deletion_is_validated_with_deleted_set()
    {
        string rev = await _h.Put("""{"_id":"a","v":1}""");
        var echo = await Echo($$"""{"_id":"a","_rev":"{{rev}}","_deleted":true,"echo":true}""");
        Assert.True((bool)echo["newDoc"]!["_deleted"]!);
        Assert.Equal(rev, (string)echo["oldDoc"]!["_rev"]!);
    }

    [Fact]
    public async Task A_revless_write_over_a_deletion_has_no_old_doc()
    {
        string rev = await _h.Put("""{"_id":"a","v":1}""");
        await _h.Put($$"""{"_id":"a","_rev":"{{rev}}","_deleted":true}""");
        var echo = await Echo("""{"_id":"a","echo":true}""");
        Assert.Null(echo["oldDoc"]);
        Assert.Null(echo["newDoc"]!["_rev"]);
    }

    [Theory]
    [InlineData("""{"_id":"x","forbid":true}""", 403, "forbidden", "forbidden: x")]
    [InlineData("""{"_id":"x","auth":true}""", 401, "unauthorized", "log in")]
    [InlineData("""{"_id":"x","other":true}""", 500, "unknown_error", "other")]
    [InlineData("""{"_id":"x","text":true}""", 500, "unknown_error", "plain text")]
    public async Task Refusals_become_CouchDB_errors(string doc, int status, string error, string reason)
    {
        var e = await Assert.ThrowsAsync<CouchException>(() => _h.Put(doc));
        Assert.Equal((status, error, reason), (e.Status, e.Error, e.Reason));
    }

    [Fact]
    public async Task A_JavaScript_error_is_a_500_named_after_it()
    {
        var e = await Assert.ThrowsAsync<CouchException>(() => _h.Put("""{"_id":"x","crash":true}"""));
        Assert.Equal((500, "TypeError"), (e.Status, e.Error));
    }

    [Fact]
    public async Task Each_document_of_a_bulk_write_gets_its_own_verdict()
    {
        var results = await _h.PutAll(true, """{"_id":"ok1"}""", """{"_id":"bad","forbid":true}""", """{"_id":"ok2"}""");
        Assert.True(results[0].Ok);
        Assert.Equal(("forbidden", "forbidden: bad"), (results[1].Error!.Error, results[1].Error!.Reason));
        Assert.True(results[2].Ok);
        using var reader = _h.Db.OpenReader();
        Assert.Null(reader.Get("bad"));
        Assert.NotNull(reader.Get("ok2"));
    }

    [Fact]
    public async Task Design_and_local_documents_are_not_validated()
    {
        await _h.Put("""{"_id":"_design/other","forbid":true}""");
        await _h.Db.UpdateLocal("_local/x", null, false, Encoding.UTF8.GetBytes("""{"forbid":true}"""));
        Assert.False(_h.Guard.Applies(_h.Db, [FunctionsHarness.Doc("""{"_id":"_design/x","forbid":true}""")]));
    }

    [Fact]
    public async Task A_conflicting_edit_is_the_writers_to_refuse()
    {
        await _h.Put("""{"_id":"a"}""");
        var result = (await _h.PutAll(true, """{"_id":"a","forbid":true}"""))[0];
        Assert.Equal((409, "conflict"), (result.Error!.Status, result.Error.Error));
    }

    [Fact]
    public async Task A_replicated_revision_is_validated_once_against_its_stored_ancestor()
    {
        await _h.Put("""{"_id":"r","_rev":"1-aa","v":1}""", newEdits: false);
        var refused = (await _h.PutAll(false, """{"_id":"r","_rev":"2-bb","_revisions":{"start":2,"ids":["bb","aa"]},"echo":true}"""))[0];
        var echo = JsonNode.Parse(refused.Error!.Reason)!;
        AssertJson("""{"_id":"r","_rev":"2-bb","echo":true,"_revisions":{"start":2,"ids":["bb","aa"]}}""", echo["newDoc"]);
        AssertJson("""{"_id":"r","_rev":"1-aa","v":1,"_revisions":{"start":1,"ids":["aa"]}}""", echo["oldDoc"]);
        // A revision the document has already is not judged again.
        var again = await _h.PutAll(false, """{"_id":"r","_rev":"1-aa","forbid":true}""");
        Assert.True(again[0].Ok);
    }

    [Fact]
    public async Task Validators_run_in_design_doc_id_order_and_the_first_refusal_wins()
    {
        await _h.Put("""{"_id":"_design/a","validate_doc_update":"function(doc) { if (doc.both) throw({forbidden: 'from a'}); }"}""");
        var e = await Assert.ThrowsAsync<CouchException>(() => _h.Put("""{"_id":"x","both":true,"forbid":true}"""));
        Assert.Equal("from a", e.Reason);
    }

    [Fact]
    public async Task Without_validators_the_guard_stays_out_of_writes()
    {
        await using var h = FunctionsHarness.Jint();
        Assert.False(h.Guard.Applies(h.Db, [FunctionsHarness.Doc("""{"_id":"a"}""")]));
    }

    [Fact]
    public async Task A_deleted_validator_stops_validating()
    {
        using (var reader = _h.Db.OpenReader())
        {
            string rev = reader.Get("_design/v")!.Winner.Rev.ToString();
            await _h.Put($$"""{"_id":"_design/v","_rev":"{{rev}}","_deleted":true}""");
        }
        await _h.Put("""{"_id":"x","forbid":true}""");
    }

    [Fact]
    public async Task An_attachment_upload_is_validated_as_the_edit_it_makes()
    {
        string rev = await _h.Put("""{"_id":"a","echo":false,"v":1}""");
        await _h.Put("""{"_id":"_design/atts","validate_doc_update":"function(doc, old) { if (doc._attachments && doc._attachments['f.txt']) throw({forbidden: JSON.stringify([doc, old._rev])}); }"}""");
        using var upload = _h.Db.BeginAttachment("f.txt", "text/plain");
        upload.Write("hello"u8);
        upload.Complete();
        var e = await Assert.ThrowsAsync<CouchException>(() => _h.Db.PutAttachment("a", CouchJs.Database.Revisions.Rev.TryParse(rev, out var r) ? r : default, upload));
        var echo = JsonNode.Parse(e.Reason)!.AsArray();
        AssertJson($$$"""
            {"_id":"a","_rev":"{{{rev}}}","echo":false,"v":1,"_revisions":{"start":1,"ids":["{{{rev[2..]}}}"]},
             "_attachments":{"f.txt":{"content_type":"text/plain","revpos":2,"digest":"md5-XUFAKrxLKna5cZ2REBfFkg==","length":5,"stub":true} } }
            """, echo[0]);
        Assert.Equal(rev, (string)echo[1]!);
    }

    private async Task<JsonNode> Echo(string doc)
    {
        var e = await Assert.ThrowsAsync<CouchException>(() => _h.Put(doc));
        Assert.Equal(403, e.Status);
        return JsonNode.Parse(e.Reason)!;
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");
}
